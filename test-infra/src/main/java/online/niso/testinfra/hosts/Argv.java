package online.niso.testinfra.hosts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** A command as a value: the exact argv handed to the kernel, never a shell string. */
public record Argv(List<String> args) {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    public Argv {
        Objects.requireNonNull(args, "args");
        if (args.isEmpty()) {
            throw new IllegalArgumentException("argv must not be empty");
        }
        args = List.copyOf(args);
    }

    public static Argv of(String... args) {
        return new Argv(List.of(args));
    }

    /** This command with {@code more} appended. */
    public Argv plus(List<String> more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(more);
        return new Argv(all);
    }

    /** POSIX-shell rendering, for logs and error messages (and for ssh, whose remote side takes one string). */
    public String render() {
        List<String> quoted = new ArrayList<>(args.size());
        for (String a : args) {
            quoted.add(quote(a));
        }
        return String.join(" ", quoted);
    }

    public static String quote(String s) {
        if (!s.isEmpty() && SAFE.matcher(s).matches()) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    @Override
    public String toString() {
        return render();
    }
}
