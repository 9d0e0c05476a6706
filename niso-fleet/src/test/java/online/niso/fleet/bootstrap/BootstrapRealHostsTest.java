package online.niso.fleet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import online.niso.fleet.remote.RetryPolicies;
import online.niso.fleet.remote.SshOptions;
import online.niso.fleet.remote.SshRemoteHosts;
import online.niso.testinfra.hosts.TestFleet;
import online.niso.testinfra.hosts.TestHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bootstrap over real SSH on real test hosts (which have a JDK 17). The distribution is a small stand-in
 * (a launcher that runs a class from lib/ would need the real build): bin/niso prints its version and
 * proves it runs from /opt/niso/<version> with lib/ next to it.
 */
@TestHosts(count = 2)
class BootstrapRealHostsTest {

    static Distribution dist(Path dir, String version) throws Exception {
        Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/niso.jar"), "stand-in jar " + version + "\n");
        // Records how bootstrap ran it: the real one makes the class-data-sharing archive.
        Files.writeString(dir.resolve("lib/make-cds.sh"), "echo \"$@\" > \"$1/lib/archive-made\"\n");
        Path launcher = dir.resolve("bin/niso");
        Files.writeString(launcher, "#!/bin/sh\nhere=$(dirname \"$(readlink -f \"$0\")\")\n"
                + "test -f \"$here/../lib/niso.jar\" || exit 9\necho \"niso " + version + "\"\n");
        launcher.toFile().setExecutable(true);
        Files.writeString(dir.resolve("VERSION"), version + "\n");
        return Distribution.of(dir, "unused");
    }

    @Test
    void installsUpdatesSkipsAndNamesWhatIsMissing(TestFleet fleet, @TempDir Path tmp) throws Exception {
        var specs = fleet.hosts().stream().map(h -> new online.niso.common.model.HostSpec(h.name(),
                online.niso.common.model.SshAddress.parse("ssh://" + h.user() + "@" + h.ip() + ":" + h.sshPort()), java.util.Map.of())).toList();
        // th2 has no Java: bootstrap must say so instead of installing something that cannot run.
        fleet.host(2).ssh(Duration.ofSeconds(30), "rm -f /usr/local/bin/java");
        try (SshRemoteHosts ssh = new SshRemoteHosts(new SshOptions(List.of(fleet.privateKey()), fleet.knownHostsFile(),
                Duration.ofSeconds(10), 4, false), new RetryPolicies(2, Duration.ofMillis(50)))) {
            List<Bootstrapper.HostResult> first = new Bootstrapper(ssh::get, dist(tmp.resolve("d1"), "0.1.0"), 2).bootstrap(specs);
            assertThat(first.get(0).state()).as(first.get(0).detail()).isEqualTo(Bootstrapper.State.INSTALLED);
            assertThat(first.get(1).state()).isEqualTo(Bootstrapper.State.MISSING);
            assertThat(first.get(1).detail()).contains("no Java runtime", "openjdk-17-jre-headless");
            assertThat(fleet.host(1).ssh(Duration.ofSeconds(30), "niso --version").stdout()).isEqualTo("niso 0.1.0\n");
            assertThat(fleet.host(1).ssh(Duration.ofSeconds(30), "cat /opt/niso/0.1.0/lib/archive-made").stdout())
                    .isEqualTo("/opt/niso/0.1.0 --archive-only\n");

            List<Bootstrapper.HostResult> again = new Bootstrapper(ssh::get, dist(tmp.resolve("d1"), "0.1.0"), 2).bootstrap(specs.subList(0, 1));
            assertThat(again.get(0).state()).isEqualTo(Bootstrapper.State.ALREADY);

            List<Bootstrapper.HostResult> update = new Bootstrapper(ssh::get, dist(tmp.resolve("d2"), "0.2.0"), 2).bootstrap(specs.subList(0, 1));
            assertThat(update.get(0).state()).isEqualTo(Bootstrapper.State.INSTALLED);
            assertThat(update.get(0).detail()).contains("niso 0.1.0 installed, want 0.2.0");
            assertThat(fleet.host(1).ssh(Duration.ofSeconds(30), "niso --version; ls /opt/niso; ls /var/lib/niso/incoming").stdout())
                    .isEqualTo("niso 0.2.0\n0.1.0\n0.2.0\n");
        }
    }
}
