package online.niso.common.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TraceTest {

    @Test
    void onlyANonEmptyNonZeroValueTurnsTracingOn() {
        assertFalse(Trace.enabled(null));
        assertFalse(Trace.enabled(""));
        assertFalse(Trace.enabled("0"));
        assertTrue(Trace.enabled("1"));
        assertTrue(Trace.enabled("yes"));
    }

    @Test
    void lineShowsTimeSinceStartThenDurationThenWhat() {
        assertEquals("niso-trace     412.3 ms     +35.1 ms  systemctl daemon-reload",
                Trace.line(412_345_678L, 35_120_000L, "systemctl daemon-reload"));
    }

    @Test
    void lineMakesControlCharactersVisibleAndCutsLongText() {
        String line = Trace.line(0, 0, "a\nb\u001b[31m" + "x".repeat(300));
        assertFalse(line.contains("\n") || line.contains("\u001b"));
        assertTrue(line.contains("a?b?[31m"));
        assertTrue(line.endsWith("..."));
        assertEquals(160, line.substring(line.indexOf("a?b")).length());
    }

    @Test
    void whenOffSpansAreOneSharedNoOp() {
        if (!Trace.on()) { // the test JVM runs without NISO_TRACE_TIMINGS
            assertSame(Trace.span("a"), Trace.span("b"));
        }
    }
}
