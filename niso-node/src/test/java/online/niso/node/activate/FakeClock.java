package online.niso.node.activate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that only moves when told to; its {@link #sleeper()} advances it instead of sleeping. */
final class FakeClock extends Clock {
    private Instant now;

    FakeClock(Instant start) {
        this.now = start;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    Sleeper sleeper() {
        return when -> {
            if (when.isAfter(now)) {
                now = when;
            }
            // a probe takes time too: keeps every loop moving even if asked to sleep until "now"
            now = now.plusMillis(10);
        };
    }
}
