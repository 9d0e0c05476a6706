package online.niso.fleet.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import online.niso.common.cli.PicocliCallbacks.ReportingHandler;
import online.niso.common.cli.PicocliCallbacks.UsageErrorExitCode;
import picocli.CommandLine;

/** Entry point of the {@code niso-fleet} CLI. Tests call {@link #run}; only {@link #main} exits. */
public final class FleetMain {

    private FleetMain() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
        int code = run(FleetEnvironment.system(out, err, in, System.getenv(), System.console() != null), args);
        System.exit(code);
    }

    public static int run(FleetEnvironment environment, String... args) {
        CommandLine cli = new CommandLine(new FleetCommand(), new EnvironmentFactory(environment));
        cli.setOut(environment.out());
        cli.setErr(environment.err());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExitCodeExceptionMapper(new UsageErrorExitCode());
        boolean verbose = Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
        cli.setExecutionExceptionHandler(new ReportingHandler(environment.err(), verbose));
        int code = cli.execute(args);
        environment.out().flush();
        environment.err().flush();
        return code;
    }

    private record EnvironmentFactory(FleetEnvironment environment) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == FleetEnvironment.class) {
                    c.setAccessible(true);
                    return type.cast(c.newInstance(environment));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
