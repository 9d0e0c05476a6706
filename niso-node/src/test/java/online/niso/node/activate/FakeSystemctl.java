package online.niso.node.activate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import online.niso.node.systemd.Systemctl;

/**
 * An in-memory systemd for unit tests: units are loaded from the unit directory on daemon-reload (like the
 * real one: an edited file means nothing until then), and a started unit runs or crashes as {@code runs}
 * decides from its loaded text. Records every call.
 */
final class FakeSystemctl implements Systemctl {
    final List<String> calls = new ArrayList<>();
    private final Path unitDir;
    private final Map<String, String> loaded = new HashMap<>();
    private final Map<String, String> state = new HashMap<>();
    private final Map<String, Integer> pids = new HashMap<>();
    private final java.util.Set<String> enabled = new java.util.HashSet<>();
    private int nextPid = 100;
    Predicate<String> runs = text -> true;
    /** Exit status of a oneshot job that {@link #runs} says fails (ExecMainStatus=). */
    int jobExitStatus = 1;
    private final Map<String, Integer> exitStatus = new HashMap<>();
    /** The package version each unit started with: where its /app bind pointed at start time. */
    private final Map<String, String> startedVersion = new HashMap<>();
    /** When set, every (re)start is recorded with its time, as journald stamps "Starting UNIT". */
    java.time.Clock clock;
    final List<Map.Entry<String, java.time.Instant>> starts = new ArrayList<>();

    FakeSystemctl(Path unitDir) {
        this.unitDir = unitDir;
    }

    @Override
    public void daemonReload() {
        calls.add("daemon-reload");
        loaded.clear();
        if (!Files.isDirectory(unitDir)) {
            return;
        }
        try (var list = Files.list(unitDir)) {
            for (Path p : list.toList()) {
                if (p.getFileName().toString().endsWith(".service")) {
                    loaded.put(p.getFileName().toString(), Files.readString(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void start(String unit) {
        calls.add("start " + unit);
        run(unit);
    }

    @Override
    public void stop(String unit) {
        calls.add("stop " + unit);
        state.put(unit, "inactive");
        pids.remove(unit);
    }

    @Override
    public void restart(String unit) {
        calls.add("restart " + unit);
        if (clock != null) {
            starts.add(Map.entry(unit, clock.instant()));
        }
        run(unit);
    }

    /** Like systemd: a oneshot's start job ends with the job; a failed one fails `systemctl restart`. */
    private void run(String unit) {
        String text = loaded.get(unit);
        if (text == null) {
            throw new IllegalStateException("Unit " + unit + " not found.");
        }
        boolean oneshot = text.contains("\nType=oneshot\n");
        startedVersion.put(unit, appVersion(text));
        if (runs.test(text)) {
            state.put(unit, "active");
            exitStatus.put(unit, 0);
            if (oneshot) {
                pids.remove(unit); // active (exited)
            } else {
                pids.put(unit, nextPid++);
            }
        } else {
            state.put(unit, "failed");
            pids.remove(unit);
            exitStatus.put(unit, oneshot ? jobExitStatus : 1);
            if (oneshot) {
                throw new online.niso.common.error.OperationFailedException("Job for " + unit + " failed because the"
                        + " control process exited with error code.");
            }
        }
    }

    @Override
    public void enable(String unit) {
        calls.add("enable " + unit);
        enabled.add(unit);
    }

    @Override
    public void disable(String unit) {
        calls.add("disable " + unit);
        enabled.remove(unit);
    }

    @Override
    public void resetFailed(String unit) {
        calls.add("reset-failed " + unit);
        if ("failed".equals(state.get(unit))) {
            state.put(unit, "inactive");
        }
    }

    @Override
    public Map<String, String> show(String unit, List<String> properties) {
        Map<String, String> all = new TreeMap<>();
        String s = state.getOrDefault(unit, "inactive");
        all.put("ActiveState", s);
        all.put("SubState", s.equals("active") ? "running" : s.equals("failed") ? "failed" : "dead");
        all.put("MainPID", String.valueOf(pids.getOrDefault(unit, 0)));
        all.put("ExecMainStatus", String.valueOf(exitStatus.getOrDefault(unit, 0)));
        all.put("Result", s.equals("failed") ? "exit-code" : "success");
        all.put("UnitFileState", enabled.contains(unit) ? "enabled" : "disabled");
        all.keySet().retainAll(properties);
        return all;
    }

    @Override
    public String status(String unit) {
        return "● " + unit + " - " + state.getOrDefault(unit, "inactive");
    }

    @Override
    public String journalTail(String unit, int lines) {
        return "journal of " + unit;
    }

    @Override
    public String journalTail(String unit, int lines, java.time.Instant since) {
        return "journal of " + unit + " since " + since;
    }

    /** The package version the unit runs, if it is running (where its /app pointed when it started). */
    Optional<String> runningVersion(String unit) {
        if (!"active".equals(state.get(unit))) {
            return Optional.empty();
        }
        return Optional.ofNullable(startedVersion.get(unit));
    }

    /**
     * Like systemd at start time: the source of {@code BindReadOnlyPaths=<source>:/app} with every link
     * followed (under the test's root: the unit dir is {@code <root>/etc/systemd/system}); its last name is
     * the package version. Null when it does not resolve (real systemd would fail the start).
     */
    private String appVersion(String text) {
        Path root = unitDir.getParent().getParent().getParent();
        return text.lines().filter(l -> l.startsWith("BindReadOnlyPaths=") && l.endsWith(":/app"))
                .map(l -> l.substring("BindReadOnlyPaths=/".length(), l.length() - ":/app".length()))
                .map(source -> {
                    try {
                        return root.resolve(source).toRealPath().getFileName().toString();
                    } catch (IOException e) {
                        return null;
                    }
                }).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    long count(String call) {
        return calls.stream().filter(call::equals).count();
    }
}
