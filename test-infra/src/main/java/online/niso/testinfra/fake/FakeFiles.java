package online.niso.testinfra.fake;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import online.niso.common.cmd.Cmd;
import online.niso.common.cmd.CmdResult;

/**
 * A fake host's file system as the fleet sees it: uploads (path → the local file, small ones' bytes kept for
 * {@code cat}), directories made with mkdir (the lock's semantics) and the shell commands niso-fleet runs
 * (mkdir, test, cat, rm, and its {@code sh -c} scripts told apart by their $0). Not thread-safe: FakeNode
 * calls it under its own lock.
 */
final class FakeFiles {
    private final Map<String, Path> uploads = new LinkedHashMap<>();
    private final Map<String, byte[]> files = new TreeMap<>();
    private final TreeSet<String> dirs = new TreeSet<>();
    private final List<String> uploadLog = new ArrayList<>();

    void recordUpload(String remotePath, Path local) {
        uploads.put(remotePath, local);
        uploadLog.add(remotePath);
        try {
            if (Files.size(local) < (1 << 20)) {
                files.put(remotePath, Files.readAllBytes(local));
            }
        } catch (java.io.IOException e) {
            // an artifact path that exists only as a name in a test: nothing to keep
        }
    }

    byte[] content(String path) {
        return files.get(path);
    }

    Set<String> fileNames() {
        return Collections.unmodifiableSet(new TreeSet<>(files.keySet()));
    }

    Set<String> directories() {
        return Set.copyOf(dirs);
    }

    List<String> uploadLog() {
        return List.copyOf(uploadLog);
    }

    Map<String, Path> uploads() {
        return Map.copyOf(uploads);
    }

    /** The result of a shell command, or empty when it is not one (a niso command, for FakeNode). */
    Optional<CmdResult> handle(Cmd cmd) {
        List<String> a = cmd.argv();
        switch (a.get(0)) {
            case "mkdir" -> {
                String dir = a.get(a.size() - 1);
                if (!a.contains("-p") && dirs.contains(dir)) {
                    return ok(new CmdResult(cmd, 1, "", "mkdir: cannot create directory '" + dir + "': File exists\n"));
                }
                dirs.add(dir);
                return ok(new CmdResult(cmd, 0, "", ""));
            }
            case "test" -> {
                boolean there = a.get(1).equals("-d") ? dirs.contains(a.get(2))
                        : a.get(1).equals("-f") && (uploads.containsKey(a.get(2)) || files.containsKey(a.get(2)));
                return ok(new CmdResult(cmd, there ? 0 : 1, "", ""));
            }
            case "cat" -> {
                byte[] content = files.get(a.get(1));
                return ok(content == null ? new CmdResult(cmd, 1, "", "cat: " + a.get(1) + ": No such file or directory\n")
                        : new CmdResult(cmd, 0, new String(content, StandardCharsets.UTF_8), ""));
            }
            case "sh" -> {
                // niso-fleet's one-round-trip scripts, told apart by their $0 (online.niso.fleet.remote.Scripts).
                String self = a.size() > 3 ? a.get(3) : "";
                switch (self) {
                    case "niso-fleet-lock" -> {
                        dirs.add(a.get(4));
                        if (dirs.contains(a.get(5))) {
                            return ok(new CmdResult(cmd, 91, "", ""));
                        }
                        dirs.add(a.get(5));
                        files.put(a.get(5) + "/details.json", (a.get(6) + "\n").getBytes(StandardCharsets.UTF_8));
                        return ok(new CmdResult(cmd, 0, "", ""));
                    }
                    case "niso-fleet-unlock" -> {
                        byte[] details = files.get(a.get(4) + "/details.json");
                        if (details == null || !new String(details, StandardCharsets.UTF_8).strip()
                                .equals(a.get(5))) {
                            return ok(new CmdResult(cmd, 91, "", ""));
                        }
                        String target = a.get(4);
                        dirs.removeIf(d -> d.equals(target) || d.startsWith(target + "/"));
                        files.keySet().removeIf(f -> f.startsWith(target + "/"));
                        uploads.keySet().removeIf(f -> f.startsWith(target + "/"));
                        return ok(new CmdResult(cmd, 0, "", ""));
                    }
                    case "niso-fleet-write" -> {
                        dirs.add(a.get(4));
                        files.put(a.get(5), (a.get(6) + "\n").getBytes(StandardCharsets.UTF_8));
                        return ok(new CmdResult(cmd, 0, "", ""));
                    }
                    default -> {
                        return ok(new CmdResult(cmd, 127, "", "sh: the fake runs only niso-fleet's scripts\n"));
                    }
                }
            }
            case "rm" -> {
                String target = a.get(a.size() - 1);
                dirs.removeIf(d -> d.equals(target) || d.startsWith(target + "/"));
                files.keySet().removeIf(f -> f.startsWith(target + "/"));
                uploads.keySet().removeIf(f -> f.startsWith(target + "/"));
                return ok(new CmdResult(cmd, 0, "", ""));
            }
            default -> { }
        }
        return Optional.empty();
    }

    private static Optional<CmdResult> ok(CmdResult r) {
        return Optional.of(r);
    }
}
