package online.niso.node.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import online.niso.common.cli.ErrorReport;
import online.niso.common.trace.Trace;
import picocli.AutoComplete;
import picocli.CommandLine;

/** Entry point of the {@code niso} CLI. Tests call {@link #run}; only {@link #main} exits. */
public final class NodeMain {

    private NodeMain() {}

    public static void main(String[] args) {
        Trace.mark("main() entered: JVM start and launcher");
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        NodeEnvironment environment = new NodeEnvironment(out, err, System.getenv(), Clock.systemUTC(),
                System.console() != null);
        int code = run(environment, args);
        out.flush();
        err.flush();
        Trace.mark("exit " + code);
        System.exit(code);
    }

    public static int run(NodeEnvironment environment, String... args) {
        boolean verbose = Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // What niso-fleet asks every host; picocli would print the same line from NisoCommand.Version.
            for (String line : new NisoCommand.Version().getVersion()) {
                environment.out().println(line);
            }
            environment.out().flush();
            return 0;
        }
        Optional<Object> fast;
        try (Trace.Span span = Trace.span("fast args: bind")) {
            fast = fastCommand(environment, args);
        }
        if (fast.isPresent()) {
            int code = FastArgs.execute(fast.get(), error -> {
                ErrorReport report = ErrorReport.of(error, verbose);
                report.print(environment.err());
                return report.exitCode().code();
            });
            environment.out().flush();
            environment.err().flush();
            return code;
        }
        CommandLine cli;
        try (Trace.Span span = Trace.span("picocli: command tree")) {
            cli = commandLine(environment, args);
        }
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
            ErrorReport report = ErrorReport.of(error, verbose);
            report.print(environment.err());
            return report.exitCode().code();
        });
        int code = cli.execute(args);
        environment.out().flush();
        environment.err().flush();
        return code;
    }

    /**
     * The command object for {@code args} bound without picocli's model ({@link FastArgs}), or empty when
     * picocli must parse them (help, errors, anything the index does not cover).
     */
    static Optional<Object> fastCommand(NodeEnvironment environment, String[] args) {
        Optional<FastArgs.Binding> binding = FastArgs.bind(IndexHolder.get(), args);
        if (binding.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(FastArgs.instantiate(binding.get(), new EnvironmentFactory(environment)));
        } catch (Exception e) {
            // A stale index (a renamed field or class): picocli's path still works.
            return Optional.empty();
        }
    }

    /** Read on first use; tests and CdsTraining run many commands in one JVM. */
    private static final class IndexHolder {
        private static final CommandIndex VALUE = CommandIndex.load();

        static CommandIndex get() {
            return VALUE;
        }
    }

    /** The full command tree (help, completion, tests). */
    static CommandLine commandLine(NodeEnvironment environment) {
        return commandLine(environment, new String[0]);
    }

    /**
     * The command tree for these arguments: just the named subcommand when args name one, else all. (Every
     * niso {@code @Command} says {@code addMethodSubcommands = false}: picocli would otherwise reflect over
     * every method of each command class on every run, looking for method subcommands niso does not have.)
     */
    static CommandLine commandLine(NodeEnvironment environment, String[] args) {
        EnvironmentFactory factory = new EnvironmentFactory(environment);
        CommandLine cli = new CommandLine(new NisoCommand(), factory);
        for (Class<?> sub : subcommandsFor(args)) {
            cli.addSubcommand(new CommandLine(sub, factory));
        }
        cli.setOut(environment.out());
        cli.setErr(environment.err());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // Usage errors (bad flags) are invalid input: exit 2, as in the shared exit-code table.
        cli.setExitCodeExceptionMapper(t -> 2);
        return cli;
    }

    /**
     * Only the subcommand named by the first argument, when it names one whose help does not list its
     * siblings; anything else (no arguments, options first, a typo that wants "did you mean",
     * completion generation) gets every subcommand. {@code niso --version} alone (what niso-fleet asks every
     * host) needs none.
     */
    static List<Class<?>> subcommandsFor(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return List.of();
        }
        if (args.length > 0) {
            for (Class<?> sub : NisoCommand.SUBCOMMANDS) {
                CommandLine.Command c = sub.getAnnotation(CommandLine.Command.class);
                if (c.name().equals(args[0]) && sub != AutoComplete.GenerateCompletion.class) {
                    return List.of(sub);
                }
            }
        }
        return NisoCommand.SUBCOMMANDS;
    }

    /** Builds command objects, handing {@link NodeEnvironment} to any that ask for it in their constructor. */
    record EnvironmentFactory(NodeEnvironment environment) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == NodeEnvironment.class) {
                    c.setAccessible(true);
                    return type.cast(c.newInstance(environment));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
