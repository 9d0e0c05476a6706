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
                          boolean strictHostKeyChecking, List<String> kexAlgorithms) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONCURRENT_HANDSHAKES = 8;
    public static final SshSettings DEFAULT = new SshSettings(Optional.empty(), List.of(), Optional.empty(),
            Optional.empty(), DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_CONCURRENT_HANDSHAKES, true, List.of());

    /**
     * kex_algorithms: the key exchanges niso-fleet offers, in order of preference (OpenSSH's KexAlgorithms names);
     * empty = Apache MINA SSHD's default order, post-quantum hybrids first.
     */
    public static final List<String> KEX_NAMES = List.of("mlkem768x25519-sha256", "sntrup761x25519-sha512",
            "sntrup761x25519-sha512@openssh.com", "curve25519-sha256", "curve25519-sha256@libssh.org", "curve448-sha512",
            "ecdh-sha2-nistp521", "ecdh-sha2-nistp384", "ecdh-sha2-nistp256", "diffie-hellman-group18-sha512",
            "diffie-hellman-group17-sha512", "diffie-hellman-group16-sha512", "diffie-hellman-group15-sha512",
            "diffie-hellman-group14-sha256", "diffie-hellman-group-exchange-sha256");

    public SshSettings {
        identityFiles = List.copyOf(identityFiles);
        kexAlgorithms = List.copyOf(kexAlgorithms);
    }
}
