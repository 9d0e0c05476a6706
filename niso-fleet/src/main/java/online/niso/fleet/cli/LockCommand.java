package online.niso.fleet.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import online.niso.common.cli.NisoVersion;
import online.niso.common.error.InvalidInputException;
import online.niso.common.json.Json;
import online.niso.common.model.Durations;
import online.niso.common.model.InvalidValueException;
import online.niso.fleet.lock.FleetLock;
import online.niso.fleet.lock.LockInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(addMethodSubcommands = false, name = "lock", mixinStandardHelpOptions = true,
        description = "The per-environment deploy lock (held on the environment's first host): acquire, release or status.")
final class LockCommand implements Callable<Integer> {
    private final FleetEnvironment world;

    @Mixin FleetOptions options;

    @Parameters(index = "0", paramLabel = "ACTION", description = "acquire, release or status")
    String action;

    @Parameters(index = "1", paramLabel = "ENV")
    String environment;

    @Option(names = {"-m", "--message"}, paramLabel = "M", description = "Why (acquire), e.g. \"maintenance\".")
    String message;

    @Option(names = "--force", description = "Release a lock held by someone else.")
    boolean force;

    LockCommand(FleetEnvironment world) {
        this.world = world;
    }

    @Override
    public Integer call() {
        try (FleetContext ctx = FleetContext.load(world, options, environment)) {
            FleetLock lock = lock(ctx);
            String fleet = ctx.fleet.name();
            switch (action) {
                case "acquire" -> {
                    lock.acquire(fleet, info(ctx, Optional.ofNullable(message)), Duration.ZERO).ifPresent(world.out()::println);
                    print(ctx, "acquired", lock.status(fleet, ctx.env.name()));
                }
                case "release" -> print(ctx, "released", lock.release(fleet, ctx.env.name(), force));
                case "status" -> print(ctx, "status", lock.status(fleet, ctx.env.name()));
                default -> throw new InvalidInputException("lock: expected acquire, release or status, got \"" + action + "\"");
            }
            return 0;
        }
    }

    private void print(FleetContext ctx, String what, Optional<LockInfo> info) {
        if (options.json) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("schema", Json.SCHEMA);
            m.put("action", what);
            m.put("environment", ctx.env.name());
            m.put("locked", info.isPresent() && !what.equals("released"));
            m.put("lock", info.map(i -> {
                try {
                    return (Object) Json.mapper().readTree(i.json());
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }).orElse(null));
            world.out().println(Json.line(m));
        } else if (info.isEmpty()) {
            world.out().println(ctx.env.name() + ": not locked");
        } else {
            world.out().println(ctx.env.name() + ": " + what + " — " + info.get().describe());
        }
    }

    static FleetLock lock(FleetContext ctx) {
        var first = ctx.env.hosts().get(0);
        return new FleetLock(ctx.remotes().get(first), ctx.world.clock(), ctx.world.sleeper(),
                ctx.world.controller().identity(), ctx.world.controller().pidAlive());
    }

    static LockInfo info(FleetContext ctx, Optional<String> message) {
        return new LockInfo(ctx.env.name(), ctx.world.controller().identity(), ctx.world.controller().pid(),
                ctx.world.clock().instant(), NisoVersion.get(), message.orElse(""));
    }

    /** Runs {@code work} holding the environment's deploy lock; always releases it afterwards. */
    static int holding(FleetContext ctx, Optional<String> message, Duration wait, Supplier<Integer> work) {
        FleetLock lock = lock(ctx);
        LockInfo mine = info(ctx, message);
        lock.acquire(ctx.fleet.name(), mine, wait).ifPresent(note -> ctx.world.err().println("note: " + note));
        ctx.trace.mark("lock acquired");
        try {
            return work.get();
        } finally {
            lock.releaseOwn(ctx.fleet.name(), mine);
            ctx.trace.mark("lock released");
        }
    }

    static Duration duration(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (InvalidValueException e) {
            throw new InvalidInputException(option + ": " + e.getMessage());
        }
    }
}
