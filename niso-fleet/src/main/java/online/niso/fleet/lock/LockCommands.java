package online.niso.fleet.lock;

import java.time.Duration;

/** Shared settings of the lock's remote calls. */
final class LockCommands {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private LockCommands() {}
}
