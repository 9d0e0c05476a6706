package online.niso.fleet.cli;

import java.nio.file.Path;
import java.util.Optional;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.CountOrPercent;
import online.niso.common.model.InvalidValueException;
import online.niso.common.model.RolloutPolicy;
import picocli.CommandLine.Option;

/** What to roll out and how: shared by plan and deploy so both compute the same plan. */
public final class SelectionOptions {
    @Option(names = "--hosts", paramLabel = "SELECTOR", description = "Only hosts whose labels match, e.g. role=web.")
    String hosts;

    @Option(names = "--strategy", paramLabel = "S", description = "Override [deploy] strategy: rolling, canary or all-at-once.")
    String strategy;

    @Option(names = "--max-parallel", paramLabel = "N", description = "Override [deploy] max_parallel: a count or a percentage.")
    String maxParallel;

    @Option(names = "--promote", description = "Continue a canary rollout past its (healthy) canaries.")
    boolean promote;

    @Option(names = "--artifacts", paramLabel = "DIR",
            description = "Where the stack's .niso files are (default: packages/ next to fleet.toml).")
    Path artifacts;

    /** Pure: the environment's policy with the command-line overrides applied and checked. */
    RolloutPolicy apply(RolloutPolicy p) {
        RolloutPolicy.Strategy s = p.strategy();
        if (strategy != null) {
            s = switch (strategy) {
                case "rolling" -> RolloutPolicy.Strategy.ROLLING;
                case "canary" -> RolloutPolicy.Strategy.CANARY;
                case "all-at-once" -> RolloutPolicy.Strategy.ALL_AT_ONCE;
                default -> throw new InvalidInputException("--strategy: expected rolling, canary or all-at-once, got \"" + strategy + "\"");
            };
        }
        CountOrPercent mp = p.maxParallel();
        if (maxParallel != null) {
            if (s == RolloutPolicy.Strategy.ALL_AT_ONCE) {
                throw new InvalidInputException("--max-parallel cannot be used with the all-at-once strategy");
            }
            try {
                mp = maxParallel.endsWith("%") ? CountOrPercent.parsePercent(maxParallel) : CountOrPercent.count(Integer.parseInt(maxParallel));
            } catch (NumberFormatException | InvalidValueException e) {
                throw new InvalidInputException("--max-parallel: expected a host count like 2 or a percentage like 25%, got \""
                        + maxParallel + "\"");
            }
        }
        Optional<CountOrPercent> canary = s == RolloutPolicy.Strategy.CANARY
                ? Optional.of(p.canary().orElse(RolloutPolicy.DEFAULT_CANARY)) : Optional.empty();
        if (promote) {
            if (s != RolloutPolicy.Strategy.CANARY) {
                throw new InvalidInputException("--promote only applies to the canary strategy");
            }
            // The canaries already run the target and are skipped by the planner; the rest go max_parallel at a time.
            s = RolloutPolicy.Strategy.ROLLING;
            canary = Optional.empty();
        }
        return new RolloutPolicy(s, mp, canary, p.autoPromote(), p.minHealthyTime(), p.healthyDeadline(),
                p.progressDeadline(), p.autoRevert(), p.pauseBetweenWaves());
    }
}
