package online.niso.node.activate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import online.niso.node.health.ProbeSample;
import online.niso.node.store.NodePaths;
import online.niso.node.store.PackageStore;
import online.niso.node.store.StagedPackage;

/** A niso root in a temp dir with a fake systemd, fake probes, a fake clock and a real store and state DB. */
final class TestHostFixture {
    final NodePaths paths;
    final FakeClock clock = new FakeClock(Instant.parse("2026-11-26T10:00:00Z"));
    final FakeSystemctl systemctl;
    /** Versions whose probe passes while they run. */
    final Set<String> healthy = new HashSet<>();
    final List<String> sandboxRuns = new ArrayList<>();
    /** Exit code of hooks run in the sandbox, by hook purpose (pre-activate, ...); default 0. */
    final java.util.Map<String, Integer> hookExit = new java.util.HashMap<>();
    final FakeNetworking networking = new FakeNetworking();

    TestHostFixture(Path root) {
        this.paths = NodePaths.of(root);
        this.systemctl = new FakeSystemctl(paths.unitDir());
        this.systemctl.clock = clock;
    }

    static String manifest(String name, String version, String extra) {
        return """
                [package]
                name = "%s"
                version = "%s"

                [binary]
                entrypoint = "my-api"
                args = ["--port", "8080"]

                [healthcheck]
                http = "http://127.0.0.1:8080/health"
                interval = "2s"
                timeout = "1s"
                retries = 3
                start_period = "4s"
                %s
                """.formatted(name, version, extra);
    }

    void install(String name, String version) {
        install(name, version, manifest(name, version, ""));
    }

    /** Installs each version of {@code name}, each answering its health probe. */
    void installHealthy(String name, String... versions) {
        for (String v : versions) {
            install(name, v);
            healthy.add(v);
        }
    }

    void install(String name, String version, String manifestToml) {
        PackageStore.open(paths, clock).install(staging -> {
            try {
                Files.createDirectories(staging.resolve("bin"));
                Files.writeString(staging.resolve("manifest.toml"), manifestToml);
                Files.writeString(staging.resolve("bin/my-api"), "#!/bin/sh\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String digest = "sha256:" + "%064x".formatted(new java.math.BigInteger(1,
                    (name + version).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return new StagedPackage(name, version, digest.substring(0, 71), Optional.empty(), 2, 10);
        }, false);
    }

    ActivationService service() {
        Sandbox sandbox = (unit, purpose, argv, timeout) -> {
            sandboxRuns.add(purpose + " " + String.join(" ", argv));
            return new Sandbox.Result(hookExit.getOrDefault(purpose, 0), purpose + " output");
        };
        ServiceProber.Factory probers = unit -> (probe, timeout) -> {
            Optional<String> running = systemctl.runningVersion(unit.name());
            boolean ok = running.isPresent() && healthy.contains(running.get());
            return new ProbeSample(clock.instant(), ok, probe.describe() + (ok ? " → 200" : " failed: refused"));
        };
        HealthWaiter waiter = new HealthWaiter(systemctl, clock, clock.sleeper());
        return new ActivationService(paths, clock, systemctl, waiter, sandbox, probers, "tester", networking);
    }

    StatusService status() {
        ServiceProber.Factory probers = unit -> (probe, timeout) -> {
            Optional<String> running = systemctl.runningVersion(unit.name());
            boolean ok = running.isPresent() && healthy.contains(running.get());
            return new ProbeSample(clock.instant(), ok, ok ? "200" : "refused");
        };
        return new StatusService(paths, clock, systemctl, new HealthWaiter(systemctl, clock, clock.sleeper()),
                service(), probers);
    }

    String unitText(String name) throws IOException {
        return Files.readString(paths.unitFile(name));
    }
}
