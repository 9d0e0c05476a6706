package online.niso.testinfra.hosts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which testhosts instance a machine resource belongs to, from the names testhosts gives everything it creates:
 * links {@code nth<ID>br} / {@code nth<ID>v<N>}, paths and cgroups {@code .../niso-testhosts/<ID>/...}, command
 * lines {@code --instance <ID>}.
 */
final class InstanceAttribution {

    private static final Pattern LINK = Pattern.compile("^nth([a-z0-9]{4})(br|v[0-9]+)\\b");
    private static final Pattern PATH = Pattern.compile("/niso-testhosts/([a-z0-9]{4})(/|\\s|$)");
    private static final Pattern ARG = Pattern.compile("--instance ([a-z0-9]{4})\\b");

    private InstanceAttribution() {}

    /** The instance id named in a link name, mount line, cgroup path or command line (pure). */
    static Optional<String> instanceOf(String text) {
        for (Pattern p : new Pattern[] {LINK, PATH, ARG}) {
            Matcher m = p.matcher(text);
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    /**
     * Instances run by someone else right now: their state names a live owner process other than this JVM, or no
     * owner at all (started by a person with {@code testhosts up}). A snapshot leaves these out, so concurrent
     * runs from other checkouts on the same machine do not show up as leftovers of ours.
     */
    static Set<String> othersRunning(Path runRoot, long ownPid) {
        Set<String> others = new TreeSet<>();
        if (!Files.isDirectory(runRoot)) {
            return others;
        }
        try (Stream<Path> dirs = Files.list(runRoot)) {
            for (Path dir : dirs.toList()) {
                Path env = dir.resolve("instance.env");
                if (!Files.isRegularFile(env)) {
                    continue; // no state: a leftover, which counts as ours to report
                }
                Optional<Long> owner = Files.readAllLines(env).stream().filter(l -> l.startsWith("OWNER="))
                        .map(l -> Long.parseLong(l.substring(6).strip())).findFirst();
                boolean foreign = owner.isEmpty()
                        || (owner.get() != ownPid && ProcessHandle.of(owner.get()).map(ProcessHandle::isAlive).orElse(false)
                            && !isDescendant(owner.get(), ownPid));
                if (foreign) {
                    others.add(dir.getFileName().toString());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // state changing under us: be conservative and treat nothing more as foreign
        }
        return others;
    }

    /** Owners started by this JVM (e.g. a stand-in process in a test) make their runs ours. */
    private static boolean isDescendant(long pid, long ancestor) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        while (p.isPresent()) {
            if (p.get().pid() == ancestor) {
                return true;
            }
            p = p.get().parent();
        }
        return false;
    }
}
