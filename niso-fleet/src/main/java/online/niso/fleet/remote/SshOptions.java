package online.niso.fleet.remote;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import online.niso.common.error.InvalidInputException;
import java.util.Optional;
import online.niso.common.model.SshAddress;
import online.niso.common.model.SshSettings;

/**
 * Resolved [ssh] settings for one run: absolute key and known_hosts paths, timeouts, the handshake
 * cap. {@code acceptNewHostKeys} is the explicit opt-in (--accept-new-host-keys or
 * strict_host_key_checking = false) to trust and record keys of hosts not yet in known_hosts; a
 * changed key is refused either way.
 */
public record SshOptions(List<Path> identityFiles, Path knownHosts, Duration connectTimeout,
                         int maxConcurrentHandshakes, boolean acceptNewHostKeys, Optional<SshAddress> jumpHost,
                         List<String> kexAlgorithms) {

    public SshOptions(List<Path> identityFiles, Path knownHosts, Duration connectTimeout, int maxConcurrentHandshakes,
                      boolean acceptNewHostKeys) {
        this(identityFiles, knownHosts, connectTimeout, maxConcurrentHandshakes, acceptNewHostKeys, Optional.empty(),
                List.of());
    }

    public SshOptions {
        identityFiles = List.copyOf(identityFiles);
        kexAlgorithms = List.copyOf(kexAlgorithms);
        if (maxConcurrentHandshakes < 1) {
            throw new IllegalArgumentException("max_concurrent_handshakes must be at least 1");
        }
    }

    public static SshOptions from(SshSettings s, Path home, Path baseDir, boolean acceptNewFlag) {
        List<Path> keys = new ArrayList<>();
        for (String f : s.identityFiles()) {
            keys.add(expand(f, home, baseDir));
        }
        if (keys.isEmpty()) {
            for (String n : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
                Path p = home.resolve(".ssh").resolve(n);
                if (Files.isRegularFile(p)) {
                    keys.add(p);
                }
            }
        }
        for (Path k : keys) {
            if (!Files.isReadable(k)) {
                throw new InvalidInputException("ssh identity file " + k + " does not exist or is not readable");
            }
        }
        Path known = s.knownHosts().map(k -> expand(k, home, baseDir)).orElse(home.resolve(".ssh/known_hosts"));
        return new SshOptions(keys, known, s.connectTimeout(), s.maxConcurrentHandshakes(),
                acceptNewFlag || !s.strictHostKeyChecking(), s.jumpHost(), s.kexAlgorithms());
    }

    static Path expand(String path, Path home, Path baseDir) {
        if (path.equals("~")) {
            return home;
        }
        if (path.startsWith("~/")) {
            return home.resolve(path.substring(2));
        }
        Path p = Path.of(path);
        return p.isAbsolute() ? p : baseDir.resolve(p).normalize();
    }
}
