package online.niso.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@link FastArgs} binds exactly what picocli binds, or declines: for random command lines built from every
 * indexed command's own options (valid and not: both option forms, repeats, unknown options, help, missing
 * and surplus positionals, values that look like options), whenever the fast binder produces a command
 * object, picocli accepts the same line and sets every field of it and of its mixins to equal values.
 */
class FastArgsTest {
    private static final CommandIndex INDEX = CommandIndex.load();
    private static final NodeEnvironment ENV = new NodeEnvironment(sink(), sink(), Map.of(), Clock.systemUTC(),
            false);
    /** The factory niso itself uses for both paths. */
    private static final CommandLine.IFactory FACTORY = new NodeMain.EnvironmentFactory(ENV);
    private static final List<String> VALUES = List.of("api", "1.0.0", "/tmp/x.niso", "60s", "-x", "@args",
            "a=b", "--json", "", " spaced ", "ünï");

    static Stream<Integer> seeds() {
        return IntStream.range(0, 400).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void whateverItBindsPicocliBindsTheSame(int seed) throws Exception {
        Random random = new Random(seed);
        List<CommandIndex.Command> commands = new ArrayList<>(new TreeMap<>(INDEX.commands()).values());
        CommandIndex.Command command = commands.get(random.nextInt(commands.size()));
        for (int round = 0; round < 10; round++) {
            List<String> argv = randomLine(command, random);
            check(command, argv);
        }
    }

    /** The random lines exercise both sides: many are bound fast, many are left to picocli. */
    @Test
    void theRandomLinesTakeBothPaths() throws Exception {
        int bound = 0;
        int total = 0;
        for (int seed : seeds().toList()) {
            Random random = new Random(seed);
            List<CommandIndex.Command> commands = new ArrayList<>(new TreeMap<>(INDEX.commands()).values());
            CommandIndex.Command command = commands.get(random.nextInt(commands.size()));
            for (int round = 0; round < 10; round++) {
                total++;
                if (check(command, randomLine(command, random))) {
                    bound++;
                }
            }
        }
        assertThat(bound).as("bound fast of %d", total).isBetween(total / 10, total - total / 10);
    }

    /** The command lines niso-fleet and the generated units run: the fast binder must take them all. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "activate api 2.0.0 --from /var/lib/niso/incoming/abc.niso --wait --timeout 60s --hold 1000ms --json",
        "activate api --package hello-api --stack /var/lib/niso/incoming/stack.toml --wait --timeout 90s --json",
        "activate web 1.0.0",
        "status --json",
        "status api",
        "health api --await",
        "rollback api --json",
        "rollback api --wait --timeout 60s --json",
        "deactivate api --json",
        "install /tmp/x.niso --verify-key /etc/k1.pub --key /etc/k2.pub --root=/srv/root -v",
        "list",
        "history api --json",
    })
    void theLinesOtherProgramsRunAreBoundWithoutPicocli(String line) throws Exception {
        List<String> argv = List.of(line.split(" "));
        CommandIndex.Command command = INDEX.commands().get(argv.get(0));
        assertThat(check(command, argv.subList(1, argv.size()))).as(line).isTrue();
    }

    @Test
    void helpVersionAndUnknownOptionsAreLeftToPicocli() {
        for (String line : List.of("status --help", "status -h", "activate -V", "status --nope", "status --json=true",
                "status --json --json", "activate", "activate a b c", "status -- x", "activate api @file",
                "activate api --timeout", "activate api --timeout --json", "logs api -n 5", "net ls")) {
            assertThat(FastArgs.bind(INDEX, FACTORY, line.split(" "))).as(line).isEmpty();
        }
    }

    /** Asserts the invariant for one line; returns whether the fast binder bound it. */
    private static boolean check(CommandIndex.Command command, List<String> argv) throws Exception {
        List<String> full = new ArrayList<>(List.of(command.name()));
        full.addAll(argv);
        Optional<Object> fast = FastArgs.bind(INDEX, FACTORY, full.toArray(String[]::new));
        if (fast.isEmpty()) {
            return false;
        }
        CommandLine picocli = new CommandLine(Class.forName(command.className()), FACTORY);
        picocli.setCaseInsensitiveEnumValuesAllowed(true);
        picocli.parseArgs(argv.toArray(String[]::new)); // throws if picocli would refuse what fast bound
        assertThat(fields(fast.get())).as(String.join(" ", full)).isEqualTo(fields(picocli.getCommand()));
        return true;
    }

    private static List<String> randomLine(CommandIndex.Command command, Random random) {
        List<String> argv = new ArrayList<>();
        int positionals = random.nextInt(command.positionals().size() + 2);
        for (int i = 0; i < positionals; i++) {
            argv.add(VALUES.get(random.nextInt(3)));
        }
        for (CommandIndex.Option o : command.options()) {
            int times = random.nextInt(10) < 6 ? 0 : random.nextInt(10) < 8 ? 1 : 2;
            for (int t = 0; t < times; t++) {
                String name = o.names().get(random.nextInt(o.names().size()));
                List<String> tokens = switch (o.kind()) {
                    case FLAG -> random.nextInt(10) == 0 ? List.of(name + "=true") : List.of(name);
                    case VALUE, LIST -> {
                        String v = VALUES.get(random.nextInt(VALUES.size()));
                        yield random.nextBoolean() && name.startsWith("--") ? List.of(name + "=" + v) : List.of(name, v);
                    }
                };
                int at = random.nextInt(argv.size() + 1);
                argv.addAll(at, tokens);
            }
        }
        switch (random.nextInt(12)) {
            case 0 -> argv.add(random.nextInt(argv.size() + 1), "--nope");
            case 1 -> argv.add(random.nextInt(argv.size() + 1), "--help");
            case 2 -> argv.add(random.nextInt(argv.size() + 1), "-z");
            default -> { }
        }
        return argv;
    }

    /** Every instance field of the command and, for its mixins, of them, by name. */
    private static Map<String, Object> fields(Object o) throws IllegalAccessException {
        Map<String, Object> out = new TreeMap<>();
        for (Field f : o.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            f.setAccessible(true);
            Object v = f.get(o);
            if (f.isAnnotationPresent(CommandLine.Mixin.class) && v != null) {
                fields(v).forEach((k, x) -> out.put(f.getName() + "." + k, x));
            } else {
                out.put(f.getName(), v);
            }
        }
        return out;
    }

    private static PrintWriter sink() {
        return new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }
}
