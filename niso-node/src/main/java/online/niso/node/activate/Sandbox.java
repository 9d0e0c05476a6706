package online.niso.node.activate;

import java.time.Duration;
import java.util.List;
import online.niso.node.systemd.UnitFile;

/** Runs a command inside a service's sandbox (hooks, exec probes). One real implementation, fakes in tests. */
public interface Sandbox {
    /** Exit code and the combined output (truncated to its tail). */
    record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    Result run(UnitFile unit, String purpose, List<String> argv, Duration timeout);
}
