package online.niso.common.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * [ssh]. Host keys are checked by default (strict_host_key_checking = true): a fleet tool that
 * silently trusts new keys would hand deploy credentials to whoever answers first.
 * {@code maxConcurrentHandshakes} stays below sshd's default MaxStartups (10) so bastions do not
 * drop connections.
 */
public record SshSettings(Optional<String> user, List<String> identityFiles, Optional<String> knownHosts,
                          Optional<SshAddress> jumpHost, Duration connectTimeout, int maxConcurrentHandshakes,
                          boolean strictHostKeyChecking) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONCURRENT_HANDSHAKES = 8;
    public static final SshSettings DEFAULT = new SshSettings(Optional.empty(), List.of(), Optional.empty(),
            Optional.empty(), DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_CONCURRENT_HANDSHAKES, true);

    public SshSettings {
        identityFiles = List.copyOf(identityFiles);
    }
}
