package online.niso.common.cmd;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A command as a value: an argv list, built by pure code and run in exactly one place
 * ({@link ProcessRunner}). {@link #render()} quotes for a POSIX shell, which is what travels over SSH
 * and what logs show; arguments marked secret render as {@code [REDACTED]} in {@link #toString()}.
 */
public record Cmd(List<Arg> args) {

    public Cmd {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least a program");
        }
        args = List.copyOf(args);
    }

    /** One argument; secret ones never appear in logs or error messages. */
    public record Arg(String value, boolean secret) {
        public Arg {
            if (value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("command arguments cannot contain NUL");
            }
        }
    }

    public static Cmd of(String program, String... rest) {
        List<Arg> list = new ArrayList<>();
        list.add(new Arg(program, false));
        for (String r : rest) {
            list.add(new Arg(r, false));
        }
        return new Cmd(list);
    }

    public static Cmd of(List<String> argv) {
        return new Cmd(argv.stream().map(a -> new Arg(a, false)).toList());
    }

    public Cmd with(String... more) {
        List<Arg> list = new ArrayList<>(args);
        for (String m : more) {
            list.add(new Arg(m, false));
        }
        return new Cmd(list);
    }

    public Cmd with(List<String> more) {
        return with(more.toArray(String[]::new));
    }

    public Cmd withSecret(String value) {
        List<Arg> list = new ArrayList<>(args);
        list.add(new Arg(value, true));
        return new Cmd(list);
    }

    /** Prefix, e.g. {@code nsenter -t PID -a} + this command. */
    public Cmd prefixedBy(Cmd prefix) {
        List<Arg> list = new ArrayList<>(prefix.args);
        list.addAll(args);
        return new Cmd(list);
    }

    public List<String> argv() {
        return args.stream().map(Arg::value).toList();
    }

    public String program() {
        return args.get(0).value();
    }

    /** Shell-quoted, with real values: only for handing to a shell (e.g. an SSH exec request). */
    public String render() {
        return String.join(" ", args.stream().map(a -> quote(a.value())).toList());
    }

    /** Shell-quoted with secrets redacted: safe for logs and error messages. */
    @Override
    public String toString() {
        return String.join(" ", args.stream().map(a -> a.secret() ? "[REDACTED]" : quote(a.value())).toList());
    }

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    public static String quote(String s) {
        if (!s.isEmpty() && SAFE.matcher(s).matches()) {
            return s;
        }
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }
}
