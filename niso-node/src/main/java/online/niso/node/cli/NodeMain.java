package online.niso.node.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
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
        CommandLine cli;
        try (Trace.Span span = Trace.span("picocli: command tree")) {
            cli = commandLine(environment, args);
        }
        boolean verbose = Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
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
    private record EnvironmentFactory(NodeEnvironment environment) implements CommandLine.IFactory {
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
