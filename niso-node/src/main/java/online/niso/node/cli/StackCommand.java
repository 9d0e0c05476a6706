package online.niso.node.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import online.niso.common.stack.StackPlan;
import online.niso.node.stack.StackFile;
import online.niso.node.stack.StackReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code niso stack …}: several services from one stack.toml, in dependency order (docs/stacks.md). */
@Command(addMethodSubcommands = false, name = "stack", mixinStandardHelpOptions = true,
        description = "Deploy several services from a stack.toml, in dependency order.",
        subcommands = {StackCommand.Validate.class, StackCommand.Up.class, StackCommand.Status.class,
            StackCommand.Diff.class, StackServiceCommands.Upgrade.class, StackServiceCommands.Restart.class,
            StackServiceCommands.Logs.class, StackServiceCommands.Wait.class, StackServiceCommands.Down.class})
final class StackCommand {

    abstract static class Base implements Callable<Integer> {
        final NodeEnvironment env;

        @Mixin CommonOptions common;

        /** For the subcommands that change services ({@link ChangesStatus}). */
        public ChangesStatus.Scope scope() {
            return new ChangesStatus.Scope(env, common.root);
        }

        Base(NodeEnvironment env) {
            this.env = env;
        }

        /** Progress lines as they happen (text mode); JSON mode prints one document at the end instead. */
        Consumer<String> progress(boolean json) {
            return json ? line -> { } : line -> {
                env.out().println(line);
                env.out().flush();
            };
        }

        /** JSON mode prints the report at the end (text mode printed progress lines); 0 if ok, else 1. */
        int finish(boolean json, Object report, boolean ok) {
            if (json) {
                Output.print(env, true, new StackViews.Report(report));
            }
            return ok ? 0 : 1;
        }
    }

    abstract static class FileBase extends Base {
        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The stack file (default ./stack.toml).")
        Path file;

        FileBase(NodeEnvironment env) {
            super(env);
        }
    }

    /** Commands about a deployed stack: found by its file or, without the file, by its recorded name. */
    abstract static class OnRecord extends FileBase {
        @Option(names = "--stack", paramLabel = "NAME", description = "A deployed stack by name (instead of -f).")
        String stack;

        OnRecord(NodeEnvironment env) {
            super(env);
        }
    }

    @Command(addMethodSubcommands = false, name = "validate", mixinStandardHelpOptions = true,
            description = "Check the stack file and its installed packages; every error at once with file:line.")
    static final class Validate extends FileBase {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        Validate(NodeEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            StackFile f = StackContext.file(file);
            try (StackContext ctx = new StackContext(env, common)) {
                ctx.stacks.validate(f);
            }
            Output.print(env, json, StackViews.Validated.of(f.fileName(), f.stack()));
            return 0;
        }
    }

    @Command(addMethodSubcommands = false, name = "up", mixinStandardHelpOptions = true,
            description = "Create the networks, then activate the services in dependency order (idempotent).")
    static final class Up extends FileBase implements ChangesStatus {
        @Option(names = "--timeout", paramLabel = "D", description = "Per service: how long to wait for it to be ready.")
        String timeout;

        @Option(names = "--json", description = "Print one JSON report at the end instead of progress lines.")
        boolean json;

        Up(NodeEnvironment env) {
            super(env);
        }

        @Override
        public Integer change() {
            StackFile f = StackContext.file(file);
            try (StackContext ctx = new StackContext(env, common)) {
                StackReports.UpReport r = ctx.stacks.up(f, ActivationCommands.timeout(timeout), progress(json));
                return finish(json, r, r.ok());
            }
        }
    }

    @Command(addMethodSubcommands = false, name = "diff", mixinStandardHelpOptions = true,
            description = "What up would change, per service (versions, config digest, ports, environment keys).")
    static final class Diff extends FileBase {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        Diff(NodeEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            StackFile f = StackContext.file(file);
            try (StackContext ctx = new StackContext(env, common)) {
                StackPlan plan = ctx.stacks.plan(f);
                Output.print(env, json, StackViews.Diff.of(plan));
            }
            return 0;
        }
    }

    @Command(addMethodSubcommands = false, name = "status", mixinStandardHelpOptions = true,
            description = "SERVICE / STATUS / HEALTH / UPTIME / VERSION of a deployed stack.")
    static final class Status extends OnRecord {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        Status(NodeEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            try (StackContext ctx = new StackContext(env, common)) {
                var record = ctx.record(file, stack);
                Output.print(env, json, StackViews.Status.of(record.name(), ctx.stacks.status(record),
                        env.clock().instant()));
            }
            return 0;
        }
    }
}
