package online.niso.fleet.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import online.niso.common.cmd.Cmd;
import online.niso.common.error.UnexpectedStateException;
import online.niso.testinfra.fake.FakeFleet;
import online.niso.testinfra.time.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deploy lock against a fake host: a lock caught between the winner's mkdir and its details. */
class FleetLockTest {
    final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    final FakeFleet fleet = new FakeFleet(clock, List.of("web-1"));
    final String dir = FleetLock.dir("demo", "prod");

    @Test
    void aLockWhoseDetailsAreStillBeingWrittenIsRefusedNamingItsHolder(@TempDir Path tmp) throws Exception {
        // The other controller won the mkdir; its details.json lands while we look (after our first pause).
        fleet.node("web-1").handle(Cmd.of("mkdir", "-p", FleetLock.ROOT));
        fleet.node("web-1").handle(Cmd.of("mkdir", "-m", "0700", dir));
        Path details = tmp.resolve("details.json");
        Files.writeString(details, new LockInfo("prod", "alice@laptop", 4711, Instant.parse("2026-11-26T09:59:59Z"),
                "0.1.0", "").json());
        int[] pauses = {0};
        FleetLock lock = new FleetLock(fleet.remote("web-1"), clock, d -> {
            if (pauses[0]++ == 0) {
                fleet.remote("web-1").upload(details, dir + "/details.json", Duration.ofSeconds(1));
            }
            clock.advance(d);
        }, "ci@runner", pid -> true);

        assertThatThrownBy(() -> lock.acquire("demo", new LockInfo("prod", "ci@runner", 42, clock.instant(), "0.1.0", ""),
                Duration.ZERO))
                .isInstanceOf(UnexpectedStateException.class)
                .hasMessageContaining("held by alice@laptop (pid 4711)");
    }

    @Test
    void aLockThatNeverGetsDetailsIsRefusedAsSuchAfterTheShortRetries() {
        fleet.node("web-1").handle(Cmd.of("mkdir", "-p", FleetLock.ROOT));
        fleet.node("web-1").handle(Cmd.of("mkdir", "-m", "0700", dir));
        int[] pauses = {0};
        FleetLock lock = new FleetLock(fleet.remote("web-1"), clock, d -> {
            pauses[0]++;
            clock.advance(d);
        }, "ci@runner", pid -> true);

        assertThatThrownBy(() -> lock.acquire("demo", new LockInfo("prod", "ci@runner", 42, clock.instant(), "0.1.0", ""),
                Duration.ZERO))
                .isInstanceOf(UnexpectedStateException.class)
                .hasMessageContaining("lock directory without details").hasMessageContaining("--force");
        org.assertj.core.api.Assertions.assertThat(pauses[0]).isEqualTo(FleetLock.DETAILS_RETRIES);
    }

    @Test
    void acquireAndReleaseOfOurOwnLockAreOneRoundTripEach() {
        FleetLock lock = new FleetLock(fleet.remote("web-1"), clock, clock::advance, "ci@runner", pid -> true);
        LockInfo mine = new LockInfo("prod", "ci@runner", 42, clock.instant(), "0.1.0", "deploy v2");
        assertThat(lock.acquire("demo", mine, Duration.ZERO)).isEmpty();
        assertThat(fleet.node("web-1").commands()).singleElement().asString().startsWith("sh -c ");
        assertThat(lock.status("demo", "prod")).contains(mine);

        assertThat(lock.releaseOwn("demo", mine)).contains(mine);
        assertThat(fleet.node("web-1").commands()).hasSize(3); // acquire, the status read above, release
        assertThat(fleet.node("web-1").directories()).doesNotContain(dir);
    }

    @Test
    void releasingALockThatIsNoLongerOursGoesTheLongWayAndRefuses() {
        FleetLock lock = new FleetLock(fleet.remote("web-1"), clock, clock::advance, "ci@runner", pid -> true);
        LockInfo mine = new LockInfo("prod", "ci@runner", 42, clock.instant(), "0.1.0", "");
        lock.acquire("demo", mine, Duration.ZERO);
        // Someone force-released it and took it themselves meanwhile.
        fleet.node("web-1").handle(Cmd.of("rm", "-rf", "--", dir));
        FleetLock theirs = new FleetLock(fleet.remote("web-1"), clock, clock::advance, "alice@laptop", pid -> true);
        theirs.acquire("demo", new LockInfo("prod", "alice@laptop", 7, clock.instant(), "0.1.0", "mine now"), Duration.ZERO);

        assertThatThrownBy(() -> lock.releaseOwn("demo", mine)).isInstanceOf(UnexpectedStateException.class)
                .hasMessageContaining("held by alice@laptop");
        assertThat(fleet.node("web-1").directories()).contains(dir);
    }
}
