package online.niso.node.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The subcommands {@link FastArgs} may bind without picocli: their options and positionals as picocli's model
 * has them, read from {@link #RESOURCE} (written by {@link CommandIndexGenerator} at build time). Reading it is
 * a few string splits; building picocli's annotated model costs tens of milliseconds per run.
 */
record CommandIndex(Map<String, Command> commands) {

    static final String RESOURCE = "command-index.txt";

    /** How a value is converted (as picocli's built-in converters do) or that it is not bound here. */
    enum Kind { FLAG, STRING, PATH, UNSUPPORTED }

    record Option(List<String> names, String field, Kind kind, boolean required, Optional<String> defaultValue) {}

    record Positional(int index, int arityMin, String field, Kind kind, Optional<String> defaultValue) {}

    record Command(String name, String className, List<String> mixins, List<Option> options,
            List<Positional> positionals) {
        Optional<Option> option(String name) {
            for (Option o : options) {
                if (o.names().contains(name)) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        }
    }

    Optional<Command> command(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    /** The index shipped with this build. */
    static CommandIndex load() {
        try (InputStream in = CommandIndex.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return new CommandIndex(Map.of()); // no index: everything takes picocli's path
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pure: the index in {@code text} (the format {@link CommandIndexGenerator} writes). */
    static CommandIndex parse(String text) {
        Map<String, Command> commands = new HashMap<>();
        String name = null;
        String className = null;
        List<String> mixins = new ArrayList<>();
        List<Option> options = new ArrayList<>();
        List<Positional> positionals = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "command" -> {
                    if (name != null) {
                        commands.put(name, new Command(name, className, List.copyOf(mixins), List.copyOf(options), List.copyOf(positionals)));
                    }
                    name = f[1];
                    className = f[2];
                    mixins = new ArrayList<>();
                    options = new ArrayList<>();
                    positionals = new ArrayList<>();
                }
                case "mixin" -> mixins.add(f[1]);
                case "option" -> options.add(new Option(List.of(f[1].split(",")), f[2], kind(f[3]),
                        Boolean.parseBoolean(f[4]), dflt(f[5])));
                case "positional" -> positionals.add(new Positional(Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                        f[3], kind(f[4]), dflt(f[5])));
                default -> throw new IllegalArgumentException("command index: unknown line: " + line);
            }
        }
        if (name != null) {
            commands.put(name, new Command(name, className, List.copyOf(mixins), List.copyOf(options), List.copyOf(positionals)));
        }
        return new CommandIndex(Map.copyOf(commands));
    }

    private static Kind kind(String text) {
        return Kind.valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }

    private static Optional<String> dflt(String text) {
        return text.equals("-") ? Optional.empty() : Optional.of(text);
    }
}
