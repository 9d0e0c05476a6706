package online.niso.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Property-style (seeded), complementing FastArgsTest: per indexed subcommand, (1) well-formed lines (options
 * before, between and after positionals, both option forms) must be bound fast and equal picocli's binding
 * through NodeMain's own command tree; (2) noisy lines (option-like values, empty values, {@code --x=}, stray
 * {@code -}, {@code @file}, help/version in any position) are bound equal or declined, never accepted where
 * picocli would refuse or print help instead.
 */
class FastArgsEquivalenceTest {


    private static final int SEEDS_PER_COMMAND = 60;
    private static final NodeEnvironment ENV = new NodeEnvironment(new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()), Map.of(), Clock.systemUTC(), false);
    private static final CommandLine.IFactory FACTORY = new NodeMain.EnvironmentFactory(ENV);

    private static Optional<Object> fast(String[] args) {
        return FastArgs.bind(CommandIndex.load(), FACTORY, args);
    }

    static Stream<Arguments> cases() {
        List<String> names = new ArrayList<>(CommandIndex.load().commands().keySet());
        names.sort(null);
        assertThat(names).isNotEmpty();
        return names.stream().flatMap(n -> IntStream.range(0, SEEDS_PER_COMMAND).mapToObj(s -> Arguments.of(n, s)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("cases")
    void wellFormedLinesAreBoundExactlyAsPicocliBindsThem(String command, int seed) throws Exception {
        CommandIndex.Command model = CommandIndex.load().commands().get(command);
        String[] args = wellFormed(model, new Random(seed));
        Optional<Object> fast = fast(args);
        assertThat(fast).as("fast path declined a well-formed line: %s", List.of(args)).isPresent();
        assertThat(fields(fast.get())).as(List.of(args).toString()).isEqualTo(fields(picocli(args).orElseThrow(
                () -> new AssertionError("picocli rejected " + List.of(args)))));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("cases")
    void anyLineIsBoundAsPicocliBindsItOrDeclined(String command, int seed) throws Exception {
        CommandIndex.Command model = CommandIndex.load().commands().get(command);
        Random random = new Random(1000L + seed);
        for (int round = 0; round < 10; round++) {
            String[] args = noisy(model, random);
            Optional<Object> fast = fast(args);
            if (fast.isPresent()) {
                Optional<Object> slow = picocli(args);
                assertThat(slow).as("fast path accepted what picocli rejects or answers itself: %s", List.of(args))
                        .isPresent();
                assertThat(fields(fast.get())).as(List.of(args).toString()).isEqualTo(fields(slow.get()));
            }
        }
    }

    /** picocli's binding through NodeMain's own tree; empty when it fails or would print help/version instead. */
    private static Optional<Object> picocli(String[] args) {
        CommandLine cli = NodeMain.commandLine(ENV, args);
        try {
            CommandLine.ParseResult result = cli.parseArgs(args);
            CommandLine.ParseResult sub = result.subcommand();
            if (sub == null || result.isUsageHelpRequested() || sub.isUsageHelpRequested()
                    || result.isVersionHelpRequested() || sub.isVersionHelpRequested()) {
                return Optional.empty();
            }
            return Optional.of(sub.commandSpec().userObject());
        } catch (CommandLine.ParameterException e) {
            return Optional.empty();
        }
    }

    /** Required positionals, some optional ones, options in random order and form (lists: once or twice). */
    static String[] wellFormed(CommandIndex.Command model, Random random) {
        List<String> positionals = new ArrayList<>();
        for (CommandIndex.Positional p : model.positionals()) {
            if (!p.required() && random.nextBoolean()) {
                break;
            }
            positionals.add(word(random));
        }
        List<List<String>> options = new ArrayList<>();
        for (CommandIndex.Option o : model.options()) {
            if (random.nextBoolean()) {
                continue;
            }
            for (int t = o.kind() == CommandIndex.Kind.LIST ? 1 + random.nextInt(2) : 1; t > 0; t--) {
                String name = o.names().get(random.nextInt(o.names().size()));
                if (o.kind() == CommandIndex.Kind.FLAG) {
                    options.add(List.of(name));
                } else if (name.startsWith("--") && random.nextBoolean()) {
                    options.add(List.of(name + "=" + word(random)));
                } else {
                    options.add(List.of(name, word(random)));
                }
            }
        }
        java.util.Collections.shuffle(options, random);
        // Options before, between and after positionals: picocli accepts all (POSIX mixing).
        List<String> out = new ArrayList<>(List.of(model.name()));
        int p = 0;
        for (List<String> o : options) {
            if (p < positionals.size() && random.nextBoolean()) {
                out.add(positionals.get(p++));
            }
            out.addAll(o);
        }
        out.addAll(positionals.subList(p, positionals.size()));
        return out.toArray(String[]::new);
    }

    /** Anything: known and unknown options, both forms, missing or option-like values, repeats, odd tokens. */
    static String[] noisy(CommandIndex.Command model, Random random) {
        List<String> out = new ArrayList<>(List.of(model.name()));
        int n = random.nextInt(7);
        for (int i = 0; i < n; i++) {
            int what = random.nextInt(10);
            if (what < 4 && !model.options().isEmpty()) {
                CommandIndex.Option o = model.options().get(random.nextInt(model.options().size()));
                String name = o.names().get(random.nextInt(o.names().size()));
                switch (random.nextInt(4)) {
                    case 0 -> out.add(name);
                    case 1 -> out.add(name + "=" + token(random));
                    default -> {
                        out.add(name);
                        out.add(token(random));
                    }
                }
            } else if (what < 7) {
                out.add(token(random));
            } else {
                out.add(List.of("--help", "-h", "-V", "--version", "--", "-vx", "--nope", "-", "@args", "--json",
                        "-v", "--root").get(random.nextInt(12)));
            }
        }
        return out.toArray(String[]::new);
    }

    private static String word(Random random) {
        return List.of("web", "1.0.0", "/tmp/x y", "2s", "a=b", "static-web", "./rel/p", "v").get(random.nextInt(8));
    }

    private static String token(Random random) {
        return random.nextInt(3) == 0
                ? List.of("", "-1", "--json", "@f", "--root=", "-x", "%i", "NaN", "a\u0000b").get(random.nextInt(9))
                : word(random);
    }

    /** Every instance field of the command and (recursively) of its mixins, by name. */
    static Map<String, Object> fields(Object command) throws IllegalAccessException {
        Map<String, Object> out = new TreeMap<>();
        collect(command, "", out);
        return out;
    }

    private static void collect(Object o, String prefix, Map<String, Object> out) throws IllegalAccessException {
        for (Field f : o.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            f.setAccessible(true);
            Object v = f.get(o);
            if (v != null && v.getClass().getPackageName().equals(FastArgs.class.getPackageName())
                    && !(v instanceof NodeEnvironment)) {
                out.put(prefix + f.getName(), v.getClass().getName());
                collect(v, prefix + f.getName() + ".", out);
            } else {
                out.put(prefix + f.getName(), v == null ? "<null>" : v);
            }
        }
    }
}
