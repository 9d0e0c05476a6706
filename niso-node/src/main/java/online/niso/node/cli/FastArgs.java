package online.niso.node.cli;

import java.lang.reflect.Field;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;

/**
 * Binds a command line to a fresh command object the way picocli would, from {@link CommandIndex} instead of
 * picocli's reflective model, or declines. It declines anything it is not certain picocli would accept with the
 * same result: help and version flags, {@code --}, {@code @files}, unknown or repeated options, an option value
 * that looks like an option, {@code --flag=value}, missing or surplus positionals, a missing required option.
 * picocli then parses as before, so every error message and every unusual form stays picocli's.
 * FastArgsTest checks that whatever it binds, picocli binds to the same field values.
 */
final class FastArgs {
    private static final Set<String> DECLINED = Set.of("-h", "--help", "-V", "--version", "--");

    private FastArgs() {}

    /** The bound command object, or empty when picocli must parse these arguments. */
    static Optional<Object> bind(CommandIndex index, CommandLine.IFactory factory, String[] args) {
        try {
            return bindOrThrow(index, factory, args);
        } catch (InvalidPathException e) {
            // Not a path (a NUL, from an in-process caller; execve cannot pass one): picocli's conversion
            // error says which option, and exits 2.
            return Optional.empty();
        }
    }

    private static Optional<Object> bindOrThrow(CommandIndex index, CommandLine.IFactory factory, String[] args) {
        if (args.length == 0) {
            return Optional.empty();
        }
        CommandIndex.Command command = index.commands().get(args[0]);
        if (command == null) {
            return Optional.empty();
        }
        Map<String, Object> values = new HashMap<>();
        // Keyed by field name, not by the Option record: a record's hashCode is an invokedynamic whose first call
        // spins method handles (~25-50 ms per run, not archived by CDS on JDK 17).
        Set<String> seen = new HashSet<>();
        List<String> positionals = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (DECLINED.contains(arg) || arg.startsWith("@")) {
                return Optional.empty();
            }
            if (!arg.startsWith("-")) {
                positionals.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            boolean inline = eq > 0 && arg.startsWith("--");
            String name = inline ? arg.substring(0, eq) : arg;
            Optional<CommandIndex.Option> found = command.option(name);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            CommandIndex.Option option = found.get();
            if (!seen.add(option.field()) && option.kind() != CommandIndex.Kind.LIST) {
                return Optional.empty(); // picocli: "should be specified only once"
            }
            if (option.kind() == CommandIndex.Kind.FLAG) {
                if (inline) {
                    return Optional.empty(); // --flag=true|false: picocli's rules, not ours
                }
                values.put(option.field(), Boolean.TRUE);
                continue;
            }
            String value;
            if (inline) {
                value = arg.substring(eq + 1);
                if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
                    return Optional.empty(); // picocli refuses --opt=--other; the rest: its rules, not ours
                }
            } else if (i + 1 < args.length && !args[i + 1].startsWith("-") && !args[i + 1].startsWith("@")) {
                value = args[++i];
            } else {
                return Optional.empty();
            }
            Object converted = convert(option.type(), value);
            if (option.kind() == CommandIndex.Kind.LIST) {
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) values.computeIfAbsent(option.field(), k -> new ArrayList<>());
                list.add(converted);
            } else {
                values.put(option.field(), converted);
            }
        }
        if (positionals.size() > command.positionals().size()) {
            return Optional.empty();
        }
        for (CommandIndex.Positional p : command.positionals()) {
            if (p.index() < positionals.size()) {
                values.put(p.field(), convert(p.type(), positionals.get(p.index())));
            } else if (p.required()) {
                return Optional.empty();
            }
        }
        for (CommandIndex.Option o : command.options()) {
            if (o.required() && !values.containsKey(o.field())) {
                return Optional.empty();
            }
        }
        return Optional.of(instantiate(command, factory, values));
    }

    private static Object convert(String type, String value) {
        return type.equals("path") ? Path.of(value) : value;
    }

    /** The command and its mixins made by the same factory picocli uses, with the bound values set. */
    private static Object instantiate(CommandIndex.Command command, CommandLine.IFactory factory,
            Map<String, Object> values) {
        try {
            Object target = factory.create(Class.forName(command.className()));
            Map<String, Object> mixins = new HashMap<>();
            for (CommandIndex.Mixin m : command.mixins()) {
                Object mixin = factory.create(Class.forName(m.className()));
                set(target, m.field(), mixin);
                mixins.put(m.field(), mixin);
            }
            for (Map.Entry<String, Object> e : values.entrySet()) {
                String path = e.getKey();
                int dot = path.indexOf('.');
                if (dot < 0) {
                    set(target, path, e.getValue());
                } else {
                    set(mixins.get(path.substring(0, dot)), path.substring(dot + 1), e.getValue());
                }
            }
            return target;
        } catch (Exception e) {
            throw new IllegalStateException("command index out of date for `" + command.name() + "`: " + e, e);
        }
    }

    private static void set(Object target, String fieldName, Object value) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField(fieldName);
        f.setAccessible(true);
        f.set(target, value);
    }
}
