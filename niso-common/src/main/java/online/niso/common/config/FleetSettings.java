package online.niso.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import online.niso.common.model.ConfigEnum;
import online.niso.common.model.CountOrPercent;
import online.niso.common.model.Durations;
import online.niso.common.model.InvalidValueException;
import online.niso.common.model.RolloutPolicy;
import online.niso.common.model.RolloutPolicy.Strategy;
import online.niso.common.model.SshAddress;
import online.niso.common.model.SshSettings;
import online.niso.common.model.Texts;

/**
 * fleet.toml [ssh], [deploy] and [registry]. Each is read as a "layer" of optional values; an
 * environment's layer overrides the top-level one key by key, and defaults fill the rest.
 */
final class FleetSettings {
    record SshLayer(Optional<String> user, Optional<List<String>> identityFiles, Optional<String> knownHosts,
                    Optional<SshAddress> jumpHost, Optional<Duration> connectTimeout, Optional<Integer> handshakes,
                    Optional<Boolean> strict, Optional<List<String>> kex) {
        static final SshLayer EMPTY = new SshLayer(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    record DeployLayer(Optional<TomlReader> reader, Optional<Strategy> strategy, Optional<CountOrPercent> maxParallel,
                       Optional<CountOrPercent> canary, Optional<Boolean> autoPromote, Optional<Duration> minHealthy,
                       Optional<Duration> healthyDeadline, Optional<Duration> progressDeadline,
                       Optional<Boolean> autoRevert, Optional<Duration> pause) {
        static final DeployLayer EMPTY = new DeployLayer(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    private static final String DURATION = "a duration like 30s";
    private static final String KEX_EXPECTED = "a key exchange like curve25519-sha256 (one of "
            + String.join(", ", SshSettings.KEX_NAMES) + ")";

    private FleetSettings() {
    }

    static SshLayer ssh(TomlReader s) {
        Optional<String> user = s.value("user", "a user name like deploy", FleetSettings::user);
        Optional<List<String>> ids = s.list("identity_files", "a key file path like ~/.ssh/id_ed25519", FleetSettings::file);
        Optional<String> knownHosts = s.value("known_hosts", "a file path like ~/.ssh/known_hosts", FleetSettings::file);
        Optional<SshAddress> jump = s.value("jump_host", "an address like ssh://deploy@bastion", SshAddress::parse);
        Optional<Duration> timeout = s.value("connect_timeout", DURATION, Durations::parse);
        if (timeout.isPresent() && timeout.get().isZero()) {
            s.error("connect_timeout", "expected a duration greater than 0s, got \"0s\"");
        }
        Optional<Integer> handshakes = s.integer("max_concurrent_handshakes", 1, 1000).map(Long::intValue);
        Optional<Boolean> strict = s.bool("strict_host_key_checking");
        Optional<List<String>> kex = s.list("kex_algorithms", KEX_EXPECTED, FleetSettings::kex);
        if (kex.isPresent() && kex.get().isEmpty()) {
            s.error("kex_algorithms", "expected at least one key exchange name, got an empty list");
        }
        s.finish();
        return new SshLayer(user, ids, knownHosts, jump, timeout, handshakes, strict, kex);
    }

    static SshSettings merge(SshLayer env, SshLayer top) {
        SshSettings d = SshSettings.DEFAULT;
        return new SshSettings(env.user().or(top::user), env.identityFiles().or(top::identityFiles).orElse(List.of()),
                env.knownHosts().or(top::knownHosts), env.jumpHost().or(top::jumpHost),
                env.connectTimeout().or(top::connectTimeout).orElse(d.connectTimeout()),
                env.handshakes().or(top::handshakes).orElse(d.maxConcurrentHandshakes()),
                env.strict().or(top::strict).orElse(d.strictHostKeyChecking()),
                env.kex().or(top::kex).orElse(d.kexAlgorithms()));
    }

    static String kex(String s) {
        if (!SshSettings.KEX_NAMES.contains(s)) {
            throw InvalidValueException.expected(KEX_EXPECTED, s);
        }
        return s;
    }

    static String user(String s) {
        if (!s.matches("[a-z_][a-z0-9_-]{0,31}")) {
            throw InvalidValueException.expected("a user name like deploy", s);
        }
        return s;
    }

    private static String file(String s) {
        if (s.isBlank() || s.indexOf('\0') >= 0) {
            throw InvalidValueException.expected("a file path", s);
        }
        return s;
    }

    static DeployLayer deploy(TomlReader d) {
        Optional<Strategy> strategy = d.value("strategy", "rolling, canary or all-at-once",
                t -> ConfigEnum.parse(Strategy.class, t, "a rollout strategy"));
        Optional<CountOrPercent> maxParallel = countOrPercent(d, "max_parallel");
        Optional<CountOrPercent> canary = countOrPercent(d, "canary");
        Optional<Boolean> autoPromote = d.bool("auto_promote");
        Optional<Duration> minHealthy = d.value("min_healthy_time", DURATION, Durations::parse);
        Optional<Duration> healthy = d.value("healthy_deadline", DURATION, Durations::parse);
        // The docs' single-environment form calls the per-host deadline health_timeout.
        Optional<Duration> healthTimeout = d.value("health_timeout", DURATION, Durations::parse);
        if (d.has("healthy_deadline") && d.has("health_timeout")) {
            d.error("health_timeout", "health_timeout is another name for healthy_deadline; set only one");
        }
        Optional<Duration> progress = d.value("progress_deadline", DURATION, Durations::parse);
        Optional<Boolean> autoRevert = d.bool("auto_revert");
        Optional<Duration> pause = d.value("pause_between_waves", DURATION, Durations::parse);
        d.finish();
        return new DeployLayer(Optional.of(d), strategy, maxParallel, canary, autoPromote, minHealthy,
                healthy.or(() -> healthTimeout), progress, autoRevert, pause);
    }

    private static Optional<CountOrPercent> countOrPercent(TomlReader d, String key) {
        Object v = d.raw(key);
        if (v instanceof Long n) {
            if (n < 1 || n > 100_000) {
                d.error(key, "expected a host count of at least 1 or a percentage like 25%, got " + n);
                return Optional.empty();
            }
            return Optional.of(CountOrPercent.count(n.intValue()));
        }
        return d.value(key, "a host count like 2 or a percentage like 25%", CountOrPercent::parsePercent);
    }

    /** Merges and checks Nomad-style ordering: min_healthy_time < healthy_deadline < progress_deadline. */
    static Optional<RolloutPolicy> merge(DeployLayer env, DeployLayer top, TomlReader fallback) {
        RolloutPolicy d = RolloutPolicy.DEFAULT;
        TomlReader at = env.reader().or(top::reader).orElse(fallback);
        Strategy strategy = env.strategy().or(top::strategy).orElse(d.strategy());
        Optional<CountOrPercent> maxParallel = env.maxParallel().or(top::maxParallel);
        Optional<CountOrPercent> canary = env.canary().or(top::canary);
        Duration min = env.minHealthy().or(top::minHealthy).orElse(d.minHealthyTime());
        Duration healthy = env.healthyDeadline().or(top::healthyDeadline).orElse(d.healthyDeadline());
        Duration progress = env.progressDeadline().or(top::progressDeadline).orElse(d.progressDeadline());
        boolean ok = true;
        if (canary.isPresent() && strategy != Strategy.CANARY) {
            at.errorHere("canary is only used with strategy = \"canary\" (strategy is \"" + strategy.configName() + "\")");
            ok = false;
        }
        if (maxParallel.isPresent() && strategy == Strategy.ALL_AT_ONCE) {
            at.errorHere("max_parallel does not apply to strategy = \"all-at-once\"");
            ok = false;
        }
        if (min.compareTo(healthy) >= 0) {
            at.errorHere("min_healthy_time (" + Durations.format(min) + ") must be less than healthy_deadline ("
                    + Durations.format(healthy) + ")");
            ok = false;
        }
        if (healthy.compareTo(progress) >= 0) {
            at.errorHere("healthy_deadline (" + Durations.format(healthy) + ") must be less than progress_deadline ("
                    + Durations.format(progress) + ")");
            ok = false;
        }
        if (!ok) {
            return Optional.empty();
        }
        if (strategy == Strategy.CANARY && canary.isEmpty()) {
            canary = Optional.of(RolloutPolicy.DEFAULT_CANARY);
        }
        return Optional.of(new RolloutPolicy(strategy, maxParallel.orElse(d.maxParallel()), canary,
                env.autoPromote().or(top::autoPromote).orElse(d.autoPromote()), min, healthy, progress,
                env.autoRevert().or(top::autoRevert).orElse(d.autoRevert()),
                env.pause().or(top::pause).orElse(d.pauseBetweenWaves())));
    }

    static Optional<URI> registry(TomlReader r) {
        Optional<URI> url = r.requiredValue("url", "a URL like https://registry.example.com", FleetSettings::registryUrl);
        r.finish();
        return url;
    }

    /** https only, except plain http to the local machine (a registry on loopback in tests). */
    private static URI registryUrl(String s) {
        String expected = "an https URL like https://registry.example.com";
        URI u;
        try {
            u = new URI(s);
        } catch (URISyntaxException e) {
            throw InvalidValueException.expected(expected, s);
        }
        boolean loopback = "localhost".equals(u.getHost()) || "127.0.0.1".equals(u.getHost()) || "[::1]".equals(u.getHost());
        if (u.getHost() == null || u.getRawUserInfo() != null
                || !("https".equals(u.getScheme()) || ("http".equals(u.getScheme()) && loopback))) {
            throw new InvalidValueException("expected an https URL like https://registry.example.com (plain http only "
                    + "to localhost; no user:password in the URL), got " + Texts.quote(s));
        }
        return u;
    }
}
