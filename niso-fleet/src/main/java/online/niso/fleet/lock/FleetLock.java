package online.niso.fleet.lock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongPredicate;
import online.niso.common.cmd.Cmd;
import online.niso.common.cmd.CmdResult;
import online.niso.common.error.OperationFailedException;
import online.niso.common.error.UnexpectedStateException;
import online.niso.common.remote.RemoteHost;
import online.niso.fleet.remote.Scripts;
import online.niso.fleet.rollout.Sleeper;

/**
 * One deploy per environment at a time, Kamal-style: the lock is a directory created with mkdir (atomic:
 * exactly one creator wins) on the environment's first host, with the holder's details beside it.
 * A lock is never broken silently: a live holder refuses (exit 3, naming holder, time and message); only
 * a holder on this same machine whose process is gone (a SIGKILLed controller) is taken over, with a note.
 */
public final class FleetLock {
    public static final String ROOT = "/var/lib/niso/fleet-locks";
    static final int DETAILS_RETRIES = 20;
    static final Duration DETAILS_PAUSE = Duration.ofMillis(250);

    private final RemoteHost host;
    private final Clock clock;
    private final Sleeper sleeper;
    private final LongPredicate localPidAlive;
    private final String me;

    /** {@code me}: this controller as user@machine; {@code localPidAlive}: is a pid on this machine running? */
    public FleetLock(RemoteHost host, Clock clock, Sleeper sleeper, String me, LongPredicate localPidAlive) {
        this.host = host;
        this.clock = clock;
        this.sleeper = sleeper;
        this.me = me;
        this.localPidAlive = localPidAlive;
    }

    static String dir(String fleet, String env) {
        return ROOT + "/" + fleet + "." + env + ".lock";
    }

    /** Acquires the lock, polling every 2s for up to {@code wait}; returns a note when a dead holder's lock was taken over. */
    public Optional<String> acquire(String fleet, LockInfo mine, Duration wait) {
        Instant deadline = clock.instant().plus(wait);
        while (true) {
            // One round trip: mkdir the root, mkdir the lock (the atomic step), write its details.
            CmdResult r = host.exec(Scripts.lock(ROOT, dir(fleet, mine.environment()), mine.json()), LockCommands.TIMEOUT);
            if (r.ok()) {
                return Optional.empty();
            }
            if (r.exitCode() != Scripts.HELD) {
                throw new OperationFailedException(host.name() + ": cannot take the deploy lock: " + r.describe());
            }
            Optional<LockInfo> held = status(fleet, mine.environment());
            // The winner of the mkdir writes its details right after: a lock seen in between is being created,
            // not anonymous. Re-read briefly so the refusal names the holder.
            for (int i = 0; i < DETAILS_RETRIES && held.isPresent() && held.get().pid() == -1; i++) {
                pause(DETAILS_PAUSE);
                held = status(fleet, mine.environment());
            }
            if (held.isPresent() && held.get().holder().equals(me) && !localPidAlive.test(held.get().pid())) {
                writeDetails(fleet, mine);
                return Optional.of("took over the deploy lock of a controller that is gone (" + held.get().describe() + ")");
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new UnexpectedStateException("environment " + mine.environment() + " is locked: "
                        + held.map(LockInfo::describe).orElse("lock directory exists without details")
                        + "; wait with --lock-wait, or if that deploy is dead: niso-fleet lock release "
                        + mine.environment() + " --force");
            }
            pause(Duration.ofSeconds(2));
        }
    }

    private void pause(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationFailedException("interrupted while waiting for the deploy lock");
        }
    }

    public Optional<LockInfo> status(String fleet, String env) {
        CmdResult r = host.exec(Cmd.of("cat", dir(fleet, env) + "/details.json"), LockCommands.TIMEOUT);
        if (!r.ok()) {
            CmdResult exists = host.exec(Cmd.of("test", "-d", dir(fleet, env)), LockCommands.TIMEOUT);
            if (exists.ok()) {
                return Optional.of(new LockInfo(env, "(unknown)", -1, Instant.EPOCH, "?", "lock directory without details"));
            }
            return Optional.empty();
        }
        return Optional.of(LockInfo.parse(host.name(), r.stdout()));
    }

    /**
     * Releases the lock this controller took with {@code mine}, in one round trip; anything else (already gone,
     * someone else's) goes the long way of {@link #release} for its answer.
     */
    public Optional<LockInfo> releaseOwn(String fleet, LockInfo mine) {
        CmdResult r = host.exec(Scripts.unlock(dir(fleet, mine.environment()), mine.json()), LockCommands.TIMEOUT);
        if (r.ok()) {
            return Optional.of(mine);
        }
        return release(fleet, mine.environment(), false);
    }

    /** Releases the lock; someone else's lock only with {@code force}. Returns what was released. */
    public Optional<LockInfo> release(String fleet, String env, boolean force) {
        Optional<LockInfo> held = status(fleet, env);
        if (held.isEmpty()) {
            return Optional.empty();
        }
        if (!force && !held.get().holder().equals(me)) {
            throw new UnexpectedStateException("environment " + env + " is locked " + held.get().describe()
                    + "; release someone else's lock only with --force");
        }
        run(Cmd.of("rm", "-rf", "--", dir(fleet, env)));
        return held;
    }

    private void writeDetails(String fleet, LockInfo info) {
        String dir = dir(fleet, info.environment());
        run(Scripts.write(dir, dir + "/details.json", info.json()));
    }

    private void run(Cmd cmd) {
        CmdResult r = host.exec(cmd, LockCommands.TIMEOUT);
        if (!r.ok()) {
            throw new OperationFailedException(host.name() + ": " + r.describe());
        }
    }
}
