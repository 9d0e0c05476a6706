package online.niso.testinfra.hosts;

/** Run in a child JVM by {@link ShutdownHookTest}: starts a fleet and exits without closing it. */
public final class ShutdownHookProbe {
    private ShutdownHookProbe() {}

    public static void main(String[] args) {
        TestFleet fleet = TestFleet.start(1);
        System.out.println(fleet.instance() + " " + fleet.host(1).exec("systemctl", "is-system-running").stdout().strip());
        System.exit(0); // no close(): the shutdown hook must tear the fleet down
    }
}
