package online.niso.node.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import online.niso.common.error.InvalidInputException;

/** Parses {@code ldd} output into the absolute paths of the shared libraries a binary loads. */
public final class LddOutput {

    private static final Pattern ARROW = Pattern.compile("^\\s*(\\S+)\\s+=>\\s+(/\\S+)\\s+\\(0x[0-9a-f]+\\)\\s*$");
    private static final Pattern LOADER = Pattern.compile("^\\s*(/\\S+)\\s+\\(0x[0-9a-f]+\\)\\s*$");
    private static final Pattern NOT_FOUND = Pattern.compile("^\\s*(\\S+)\\s+=>\\s+not found\\s*$");

    private LddOutput() {}

    /**
     * @param subject what ldd ran on, for error messages
     * @return the libraries, in ldd's order, including the dynamic loader; empty for static binaries
     */
    public static List<Path> parse(String subject, String output) {
        List<Path> libs = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher m;
            if ((m = ARROW.matcher(line)).matches()) {
                libs.add(Path.of(m.group(2)));
            } else if ((m = LOADER.matcher(line)).matches()) {
                libs.add(Path.of(m.group(1)));
            } else if ((m = NOT_FOUND.matcher(line)).matches()) {
                missing.add(m.group(1));
            }
            // linux-vdso and "statically linked" lines carry no file.
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(subject + " needs libraries that are not installed: "
                    + String.join(", ", missing));
        }
        return libs;
    }

    /** The ELF interpreter line, if any (the loader must exist at this exact path inside the rootfs). */
    public static Optional<Path> loader(List<Path> libs) {
        return libs.stream().filter(p -> p.getFileName().toString().startsWith("ld-linux")).findFirst();
    }
}
