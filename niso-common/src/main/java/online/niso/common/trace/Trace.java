package online.niso.common.trace;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Phase timings on stderr when {@code NISO_TRACE_TIMINGS=1}: where a CLI run's wall time goes (JVM start,
 * picocli, state DB, each subprocess, rootfs, network, ...), one line per phase as it ends:
 *
 * <pre>niso-trace     412.3 ms  +35.1 ms  systemctl show -p ActiveState -- niso-web.service</pre>
 *
 * The first number is the time since the launcher started (it passes {@code -Dniso.trace.t0} in epoch
 * nanoseconds; otherwise the process start time, which has only 10 ms resolution), the second the phase's
 * own duration. Off by default, and then free: {@link #span} hands back one shared no-op object. Diagnostics
 * only — nothing decides on these clocks, so they are read directly rather than injected. Subprocess argv
 * is printed as is: secrets never go on command lines (house rule), so none can show up here.
 */
public final class Trace {
    /** The environment variable that turns tracing on (any value but empty or 0). */
    public static final String ENV = "NISO_TRACE_TIMINGS";

    private static final boolean ENABLED = enabled(System.getenv(ENV));
    private static final Span NOOP = () -> { };
    private static final long originNanos = ENABLED ? origin() : 0;

    private Trace() {}

    /** A phase that is timed from now until {@link Span#close()}. */
    @FunctionalInterface
    public interface Span extends AutoCloseable {
        @Override
        void close();
    }

    public static boolean on() {
        return ENABLED;
    }

    static boolean enabled(String value) {
        return value != null && !value.isEmpty() && !value.equals("0");
    }

    /** Starts timing {@code what}; prints one line when the span is closed. */
    public static Span span(String what) {
        if (!ENABLED) {
            return NOOP;
        }
        long start = System.nanoTime();
        return () -> print(System.nanoTime(), System.nanoTime() - start, what);
    }

    /** A point in time (e.g. "main() entered": everything before it is JVM start-up and class loading). */
    public static void mark(String what) {
        if (ENABLED) {
            long now = System.nanoTime();
            print(now, now - originNanos, what);
        }
    }

    private static void print(long nowNanos, long tookNanos, String what) {
        PrintStream err = System.err;
        synchronized (Trace.class) {
            err.println(line(nowNanos - originNanos, tookNanos, what));
        }
    }

    /** One trace line: time since start, the phase's duration, what it was (control characters made visible). */
    static String line(long sinceStartNanos, long tookNanos, String what) {
        String safe = what.replaceAll("\\p{Cntrl}", "?");
        if (safe.length() > 160) {
            safe = safe.substring(0, 157) + "...";
        }
        return String.format(Locale.ROOT, "niso-trace %9.1f ms %+9.1f ms  %s", sinceStartNanos / 1e6,
                tookNanos / 1e6, safe);
    }

    /** The launcher's start as a System.nanoTime() value. */
    private static long origin() {
        long nowNanos = System.nanoTime();
        java.time.Instant now = java.time.Instant.now();
        long nowEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        String t0 = System.getProperty("niso.trace.t0");
        long startEpochNanos;
        if (t0 != null && t0.matches("[0-9]{1,19}")) {
            startEpochNanos = Long.parseLong(t0);
        } else {
            startEpochNanos = ProcessHandle.current().info().startInstant()
                    .map(i -> i.getEpochSecond() * 1_000_000_000L + i.getNano()).orElse(nowEpochNanos);
        }
        return nowNanos - (nowEpochNanos - startEpochNanos);
    }
}
