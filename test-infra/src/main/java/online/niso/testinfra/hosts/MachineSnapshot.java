package online.niso.testinfra.hosts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What test hosts could leave behind on the machine, listed so two snapshots compare with {@code equals}:
 * mounts, network namespaces, network links (veths and bridges), cgroup2 directories, the machine's nftables
 * ruleset, and processes. Everything is sorted.
 *
 * <p>Scope: other engineers' test runs share this machine (some boot their own namespaced systemd), so apart
 * from the machine's nft ruleset a snapshot lists only what carries a testhosts marker: links named {@code nth*},
 * mounts under or of {@code /var/tmp/niso-testhosts}, cgroups under {@code niso-testhosts}, processes in those
 * cgroups or running the testhosts script, and the network namespaces of those processes and mounts. Every
 * resource testhosts creates carries such a marker by construction. Instances run by someone else at the time
 * (another checkout's tests, a person's demo) are left out by their instance id: see {@link InstanceAttribution}.
 * Zombies are not listed: a dead process holds
 * nothing but its PID entry until its parent (here the machine's init) reaps it.
 */
public record MachineSnapshot(List<String> mounts, List<String> networkNamespaces, List<String> links,
        List<String> cgroups, List<String> nftRuleset, List<String> processes) {

    static final String MARKER = "niso-testhosts";
    static final String LINK_PREFIX = "nth";

    /** Reads the current state (needs root for the namespaces and nft). */
    public static MachineSnapshot take() {
        Set<String> others = InstanceAttribution.othersRunning(TestFleet.RUN_ROOT, ProcessHandle.current().pid());
        Predicate<String> mine = text -> InstanceAttribution.instanceOf(text).map(id -> !others.contains(id)).orElse(true);
        return new MachineSnapshot(readMounts(mine), readNetworkNamespaces(mine), readLinks(mine), readCgroups(mine),
                readNftRuleset(), readProcesses(mine));
    }

    /** Human-readable differences, e.g. {@code "links: + nthj1abv1"}; empty when equal (pure). */
    public List<String> diff(MachineSnapshot after) {
        List<String> out = new ArrayList<>();
        diff("mounts", mounts, after.mounts, out);
        diff("network namespaces", networkNamespaces, after.networkNamespaces, out);
        diff("links", links, after.links, out);
        diff("cgroups", cgroups, after.cgroups, out);
        diff("nft ruleset", nftRuleset, after.nftRuleset, out);
        diff("processes", processes, after.processes, out);
        return out;
    }

    private static void diff(String what, List<String> before, List<String> after, List<String> out) {
        TreeSet<String> added = new TreeSet<>(after);
        before.forEach(added::remove);
        TreeSet<String> removed = new TreeSet<>(before);
        after.forEach(removed::remove);
        added.forEach(a -> out.add(what + ": + " + a));
        removed.forEach(r -> out.add(what + ": - " + r));
    }

    private static List<String> readMounts(Predicate<String> mine) {
        List<String> out = new ArrayList<>();
        for (String line : readLines(Path.of("/proc/self/mountinfo"))) {
            // id parent maj:min root mountpoint options [optional...] - fstype source superoptions
            String[] f = line.split(" ");
            int dash = List.of(f).indexOf("-");
            if (dash < 0 || f.length < dash + 3) {
                continue;
            }
            String mount = f[4] + " " + f[dash + 1] + " " + f[dash + 2] + " " + f[3];
            if (mount.contains(MARKER) && mine.test(mount)) {
                out.add(mount);
            }
        }
        return sorted(out);
    }

    private static List<String> readNetworkNamespaces(Predicate<String> mine) {
        TreeSet<String> ns = new TreeSet<>();
        forEachPid(pid -> {
            if (isOurs(pid) && mine.test(describe(pid))) {
                ns.add(readLink("/proc/" + pid + "/ns/net"));
            }
        });
        for (String line : readLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = line.split(" ");
            if (f.length > 4 && f[4].contains(MARKER) && line.contains(" - nsfs ") && mine.test(f[4])) {
                ns.add(f[3]); // the root of an nsfs mount names the namespace: net:[4026532...]
            }
        }
        ns.remove("");
        return List.copyOf(ns);
    }

    private static List<String> readLinks(Predicate<String> mine) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("/sys/class/net"))) {
            s.filter(p -> p.getFileName().toString().startsWith(LINK_PREFIX) && mine.test(p.getFileName().toString()))
                    .forEach(p -> out.add(p.getFileName() + (Files.isDirectory(p.resolve("bridge")) ? " (bridge)" : "")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /sys/class/net", e);
        }
        return sorted(out);
    }

    private static List<String> readCgroups(Predicate<String> mine) {
        Path root = Files.isDirectory(Path.of("/sys/fs/cgroup/unified")) ? Path.of("/sys/fs/cgroup/unified")
                : Path.of("/sys/fs/cgroup");
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            // The shared parent /niso-testhosts comes and goes with whichever run is first and last: not listed.
            s.filter(Files::isDirectory).map(p -> "/" + root.relativize(p))
                    .filter(p -> p.contains("/" + MARKER + "/") && mine.test(p))
                    .forEach(out::add);
        } catch (IOException | java.io.UncheckedIOException e) {
            // a cgroup vanished while walking: take it again
            return readCgroups(mine);
        }
        return sorted(out);
    }

    private static List<String> readNftRuleset() {
        ExecResult r = LocalProcess.run(Argv.of("nft", "list", "ruleset"), Duration.ofSeconds(30), null,
                Map.of("PATH", TestHostsCommands.GUEST_PATH));
        if (!r.ok()) {
            return List.of("(nft failed: " + r.stderr().strip() + ")");
        }
        return r.stdout().lines().toList();
    }

    private static List<String> readProcesses(Predicate<String> mine) {
        List<String> out = new ArrayList<>();
        forEachPid(pid -> {
            String stat = read(Path.of("/proc", pid, "stat"));
            if (stat.isEmpty() || stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z") || !isOurs(pid)
                    || !mine.test(describe(pid))) {
                return;
            }
            String cmdline = read(Path.of("/proc", pid, "cmdline")).replace('\0', ' ').strip();
            out.add(cmdline + " [" + readLink("/proc/" + pid + "/ns/pid") + "]");
        });
        return sorted(out);
    }

    /** Command line and cgroup of a process: what names its instance. */
    private static String describe(String pid) {
        return read(Path.of("/proc", pid, "cmdline")).replace('\0', ' ') + " "
                + read(Path.of("/proc", pid, "cgroup")).lines().filter(l -> l.startsWith("0::")).findFirst().orElse("");
    }

    /** A process of a test host (in a testhosts cgroup) or of the script itself (supervisors, up, down). */
    private static boolean isOurs(String pid) {
        String cgroup = read(Path.of("/proc", pid, "cgroup"));
        String cmdline = read(Path.of("/proc", pid, "cmdline"));
        return cgroup.lines().anyMatch(l -> l.startsWith("0::") && l.contains("/" + MARKER + "/"))
                || cmdline.contains("testhosts\0");
    }

    private static void forEachPid(java.util.function.Consumer<String> action) {
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit)).forEach(action);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
    }

    private static List<String> readLines(Path p) {
        return read(p).lines().toList();
    }

    private static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String readLink(String p) {
        try {
            return Files.readSymbolicLink(Path.of(p)).toString();
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> sorted(List<String> l) {
        return l.stream().sorted().toList();
    }
}
