package online.niso.node.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options and positional parameters of niso's plain subcommands, as picocli's annotations declare them,
 * generated into {@link CommandIndexText} (CommandIndexTest regenerates it and fails when it differs; a
 * constant rather than a resource, because a resource lookup walks the class path and opens every jar in
 * front of niso's). {@link FastArgs} binds the common command lines from it: building picocli's model from the
 * annotations costs ~100 ms per run (annotation proxies generated at run time, and picocli's own start-up).
 *
 * <p>Format, tab-separated: {@code command NAME CLASS}, then its {@code mixin FIELD CLASS},
 * {@code option NAMES(,) FIELD_PATH TYPE KIND REQUIRED} (KIND: flag, value, list; TYPE: string, path, -) and
 * {@code positional INDEX FIELD_PATH TYPE REQUIRED} lines. A field path is {@code field} or
 * {@code mixinField.field}.
 */
record CommandIndex(Map<String, Command> commands) {
    enum Kind { FLAG, VALUE, LIST }

    record Option(List<String> names, String field, String type, Kind kind, boolean required) {}

    record Positional(int index, String field, String type, boolean required) {}

    record Mixin(String field, String className) {}

    record Command(String name, String className, List<Mixin> mixins, List<Option> options,
            List<Positional> positionals) {
        Optional<Option> option(String name) {
            return options.stream().filter(o -> o.names().contains(name)).findFirst();
        }
    }

    /** The index generated from this build's annotations. */
    static CommandIndex load() {
        return parse(CommandIndexText.TSV);
    }

    static CommandIndex parse(String text) {
        Map<String, Command> commands = new LinkedHashMap<>();
        String name = null;
        String className = null;
        List<Mixin> mixins = new ArrayList<>();
        List<Option> options = new ArrayList<>();
        List<Positional> positionals = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "command" -> {
                    if (name != null) {
                        commands.put(name, new Command(name, className, mixins, options, positionals));
                    }
                    name = f[1];
                    className = f[2];
                    mixins = new ArrayList<>();
                    options = new ArrayList<>();
                    positionals = new ArrayList<>();
                }
                case "mixin" -> mixins.add(new Mixin(f[1], f[2]));
                case "option" -> options.add(new Option(List.of(f[1].split(",")), f[2], f[3],
                        Kind.valueOf(f[4].toUpperCase(java.util.Locale.ROOT)), f[5].equals("required")));
                case "positional" -> positionals.add(new Positional(Integer.parseInt(f[1]), f[2], f[3],
                        f[4].equals("required")));
                default -> throw new IllegalStateException("command index: unknown line: " + line);
            }
        }
        if (name != null) {
            commands.put(name, new Command(name, className, mixins, options, positionals));
        }
        return new CommandIndex(Map.copyOf(commands));
    }
}
