package online.niso.node.cli;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.Durations;
import online.niso.node.activate.ActivationService;
import online.niso.node.activate.HealthWaiter;
import online.niso.node.activate.HostServices;
import online.niso.node.activate.ServiceStatus;
import online.niso.node.activate.StatusCache;
import online.niso.node.activate.StatusService;
import online.niso.node.store.NodePaths;

/** Wiring shared by activate, rollback, deactivate, status, health, render and history. */
final class ActivationCommands {
    private ActivationCommands() {}

    static ActivationService activations(NodeEnvironment env, NodePaths paths) {
        HostServices h = env.host();
        return new ActivationService(paths, env.clock(), h.systemctl(), waiter(env), h.sandbox(), h.probers(),
                env.who(), h.networking().apply(paths));
    }

    static StatusService status(NodeEnvironment env, NodePaths paths) {
        HostServices h = env.host();
        return new StatusService(paths, env.clock(), h.systemctl(), waiter(env), activations(env, paths),
                h.probers());
    }

    /** The status cache's text for the state under {@code paths} as it is now ({@link StatusCache}). */
    static String statusCacheText(NodeEnvironment env, NodePaths paths) {
        StatusService status = status(env, paths);
        List<ServiceStatus> services = status.services(Optional.empty(), StatusService.Depth.STORED);
        String document = Output.json(ContractViews.StatusDoc.of(StatusCache.HOST, services, status.packages()));
        return StatusCache.render(services.stream().map(ServiceStatus::unit).toList(), document);
    }

    /** activate --hold: re-checks the service the way `niso status` does. */
    static online.niso.node.activate.HealthHold hold(NodeEnvironment env, NodePaths paths) {
        StatusService status = status(env, paths);
        return new online.niso.node.activate.HealthHold(status.sampler(),
                env.host().systemctl(), env.clock(), env.host().sleeper());
    }

    /** --hold D: zero or positive. */
    static Duration hold(String text) {
        try {
            Duration d = Durations.parse(text);
            if (d.isNegative()) {
                throw new InvalidInputException("--hold: must not be negative, got " + text);
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--hold: " + e.getMessage());
        }
    }

    static HealthWaiter waiter(NodeEnvironment env) {
        return new HealthWaiter(env.host().systemctl(), env.clock(), env.host().sleeper());
    }

    static Optional<Duration> timeout(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            Duration d = Durations.parse(text);
            if (d.isZero() || d.isNegative()) {
                throw new InvalidInputException("--timeout: must be positive, got " + text);
            }
            return Optional.of(d);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--timeout: " + e.getMessage());
        }
    }
}
