package online.niso.fleet.remote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import online.niso.common.cmd.Cmd;

/**
 * The `niso` invocations the fleet sends to hosts, as values (Kamal's commands/*.rb). Pure: tests
 * assert the full rendered string. Only a RemoteHost runs them.
 */
public final class NodeCommands {
    /** Where uploaded packages wait for `niso activate --from`; root-only. */
    public static final String INCOMING = "/var/lib/niso/incoming";

    private final String niso;

    public NodeCommands() {
        this("niso");
    }

    /** {@code niso}: the program on the host (a path when it is not on the remote PATH). */
    public NodeCommands(String niso) {
        this.niso = niso;
    }

    public Cmd status() {
        return Cmd.of(niso, "status", "--json");
    }

    /**
     * The status without health probes ("unknown" while a unit with a health check is active), which niso's
     * launcher answers from its status cache without starting a JVM. A niso that predates it exits 2.
     */
    public Cmd statusUnprobed() {
        return Cmd.of(niso, "status", "--json", "--cached");
    }

    /**
     * One `niso activate`: service {@code service} runs package {@code pkg} (a service is named by the stack,
     * not after its package, so a rollout always passes it), optionally installing {@code from} first and
     * taking its definition from the uploaded stack file {@code stack}. Without a package the host keeps the
     * service's stored definition (a revert to the previous version of the same package).
     */
    public record Activation(String service, Optional<String> pkg, Optional<String> version, Optional<String> from,
                             Optional<String> stack, Duration timeout, Duration hold) {
        public static Activation of(String service, String pkg, Optional<String> version, Duration timeout) {
            return new Activation(service, Optional.of(pkg), version, Optional.empty(), Optional.empty(), timeout,
                    Duration.ZERO);
        }

        /** {@code service} at {@code version} under the definition the host has stored for it. */
        public static Activation stored(String service, String version, Duration timeout) {
            return new Activation(service, Optional.empty(), Optional.of(version), Optional.empty(), Optional.empty(),
                    timeout, Duration.ZERO);
        }

        public Activation from(Optional<String> file) {
            return new Activation(service, pkg, version, file, stack, timeout, hold);
        }

        public Activation stack(Optional<String> file) {
            return new Activation(service, pkg, version, from, file, timeout, hold);
        }

        /** Hold min_healthy_time on the host, in the same `niso` process (`--hold`); zero: no hold. */
        public Activation hold(Duration d) {
            return new Activation(service, pkg, version, from, stack, timeout, d);
        }
    }

    /**
     * Install (from an uploaded file, if any) + activate + wait for health, in one round trip: the
     * host-level health-gated primitive. The timeout bounds the host's wait (healthy_deadline).
     */
    public Cmd activate(Activation a) {
        List<String> args = new ArrayList<>(List.of("activate", a.service()));
        a.version().ifPresent(args::add);
        a.pkg().ifPresent(p -> {
            args.add("--package");
            args.add(p);
        });
        a.stack().ifPresent(f -> {
            args.add("--stack");
            args.add(f);
        });
        a.from().ifPresent(f -> {
            args.add("--from");
            args.add(f);
        });
        args.addAll(List.of("--wait", "--timeout", seconds(a.timeout())));
        if (!a.hold().isZero()) {
            args.addAll(List.of("--hold", millis(a.hold())));
        }
        args.add("--json");
        return Cmd.of(niso, args.toArray(String[]::new));
    }

    public Cmd rollback(String service) {
        return Cmd.of(niso, "rollback", service, "--json");
    }

    /** The host's own rollback to the previous release (with that release's definition), health-gated like activate. */
    public Cmd rollback(String service, Duration timeout) {
        return Cmd.of(niso, "rollback", service, "--wait", "--timeout", seconds(timeout), "--json");
    }

    public Cmd deactivate(String service) {
        return Cmd.of(niso, "deactivate", service, "--json");
    }

    /**
     * Where the stack file waits for `niso activate --stack`: named by its content digest, so it is uploaded
     * once per host and version of the stack, and a file with secrets is never rewritten in place.
     */
    public static String incomingStackPath(String digest) {
        String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
        return INCOMING + "/stack-" + hex.substring(0, Math.min(16, hex.length())) + ".toml";
    }

    /** The upload destination: named by digest, so a retried upload lands on the same file. */
    public static String incomingPath(String packageName, String version, String digest) {
        String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
        return INCOMING + "/" + packageName + "-" + version + "-" + hex.substring(0, Math.min(16, hex.length())) + ".niso";
    }

    /** Exact: min_healthy_time may be "1500ms". */
    static String millis(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    static String seconds(Duration d) {
        long s = Math.max(1, (d.toMillis() + 999) / 1000);
        return s + "s";
    }
}
