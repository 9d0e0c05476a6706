package online.niso.node.cli;

import java.lang.reflect.Field;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * Binds the command lines niso is run with most (activate, status, health, rollback... as niso-fleet and the
 * generated units invoke them) straight onto the command's fields, without picocli's reflective model, using
 * {@link CommandIndex}. It produces exactly what picocli would or declines: anything unusual (help, unknown or
 * repeated options, {@code --}, clustered short options, {@code @file}s, missing values, values that look like
 * options, conversion failures) returns empty and {@link NodeMain} takes picocli's path, with picocli's messages.
 */
final class FastArgs {

    private FastArgs() {}

    /** One field to set: {@code field} is {@code name} or {@code mixin.name}; value already converted. */
    record Assignment(String field, Object value) {}

    /** A bound command line: which command class, and its field values. */
    record Binding(String className, List<String> mixins, List<Assignment> assignments) {}

    /** Pure: the binding of {@code args} (args[0] names the subcommand), or empty when picocli must decide. */
    static Optional<Binding> bind(CommandIndex index, String[] args) {
        if (args.length == 0) {
            return Optional.empty();
        }
        Optional<CommandIndex.Command> found = index.command(args[0]);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        CommandIndex.Command command = found.get();
        List<Assignment> out = new ArrayList<>();
        Set<CommandIndex.Option> seen = new HashSet<>();
        int position = 0;
        for (int i = 1; i < args.length; i++) {
            String token = args[i];
            if (token.isEmpty() || token.startsWith("@")) {
                return Optional.empty(); // picocli expands @files
            }
            if (token.startsWith("-")) {
                String name = token;
                String value = null;
                int eq = token.indexOf('=');
                if (token.startsWith("--") && eq > 2) {
                    name = token.substring(0, eq);
                    value = token.substring(eq + 1);
                }
                Optional<CommandIndex.Option> option = command.option(name);
                if (option.isEmpty() || !seen.add(option.get())) {
                    return Optional.empty();
                }
                CommandIndex.Option o = option.get();
                if (o.kind() == CommandIndex.Kind.FLAG) {
                    if (value != null) {
                        return Optional.empty();
                    }
                    out.add(new Assignment(o.field(), Boolean.TRUE));
                    continue;
                }
                if (value == null) {
                    if (i + 1 >= args.length) {
                        return Optional.empty();
                    }
                    value = args[++i];
                    if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
                        return Optional.empty();
                    }
                } else if (value.isEmpty()) {
                    return Optional.empty();
                }
                Optional<Object> converted = convert(o.kind(), value);
                if (converted.isEmpty()) {
                    return Optional.empty();
                }
                out.add(new Assignment(o.field(), converted.get()));
            } else {
                Optional<CommandIndex.Positional> p = positional(command, position++);
                if (p.isEmpty()) {
                    return Optional.empty();
                }
                Optional<Object> converted = convert(p.get().kind(), token);
                if (converted.isEmpty()) {
                    return Optional.empty();
                }
                out.add(new Assignment(p.get().field(), converted.get()));
            }
        }
        for (CommandIndex.Option o : command.options()) {
            if (!seen.contains(o)) {
                if (o.required()) {
                    return Optional.empty();
                }
                if (!defaultInto(o.kind(), o.defaultValue(), o.field(), out)) {
                    return Optional.empty();
                }
            }
        }
        for (CommandIndex.Positional p : command.positionals()) {
            if (p.index() >= position) {
                if (p.arityMin() > 0) {
                    return Optional.empty();
                }
                if (!defaultInto(p.kind(), p.defaultValue(), p.field(), out)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new Binding(command.className(), command.mixins(), List.copyOf(out)));
    }

    private static Optional<CommandIndex.Positional> positional(CommandIndex.Command command, int position) {
        for (CommandIndex.Positional p : command.positionals()) {
            if (p.index() == position) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** An absent argument's default, converted as picocli does; false when it cannot be reproduced here. */
    private static boolean defaultInto(CommandIndex.Kind kind, Optional<String> dflt, String field,
            List<Assignment> out) {
        if (dflt.isEmpty()) {
            return true; // picocli leaves the field's initial value; so does a fresh instance
        }
        Optional<Object> v = kind == CommandIndex.Kind.FLAG ? Optional.empty() : convert(kind, dflt.get());
        if (v.isEmpty()) {
            return false;
        }
        out.add(new Assignment(field, v.get()));
        return true;
    }

    /** picocli's built-in converters for the kinds the index records. */
    private static Optional<Object> convert(CommandIndex.Kind kind, String value) {
        switch (kind) {
            case STRING:
                return Optional.of(value);
            case PATH:
                try {
                    return Optional.of(Path.of(value));
                } catch (InvalidPathException e) {
                    return Optional.empty();
                }
            default:
                return Optional.empty();
        }
    }

    /** A new command object with the binding's values set, built by {@code factory} as picocli would build it. */
    static Object instantiate(Binding binding, CommandLine.IFactory factory) throws Exception {
        Class<?> type = Class.forName(binding.className(), true, FastArgs.class.getClassLoader());
        Object command = factory.create(type);
        // Mixins first, each once, made by the factory as picocli makes them.
        for (String mixin : binding.mixins()) {
            Field f = type.getDeclaredField(mixin);
            f.setAccessible(true);
            f.set(command, factory.create(f.getType()));
        }
        for (Assignment a : binding.assignments()) {
            Object target = command;
            String name = a.field();
            int dot = name.indexOf('.');
            if (dot > 0) {
                Field holder = type.getDeclaredField(name.substring(0, dot));
                holder.setAccessible(true);
                target = holder.get(command);
                name = name.substring(dot + 1);
            }
            Field f = target.getClass().getDeclaredField(name);
            f.setAccessible(true);
            f.set(target, a.value());
        }
        return command;
    }

    /** Runs the command as picocli's execute would: Callable's Integer (null: 0) or Runnable, exceptions to {@code handler}. */
    static int execute(Object command, java.util.function.ToIntFunction<Exception> handler) {
        try {
            if (command instanceof Callable<?> c) {
                Object result = c.call();
                return result instanceof Integer code ? code : 0;
            }
            ((Runnable) command).run();
            return 0;
        } catch (Exception e) {
            return handler.applyAsInt(e);
        }
    }
}
