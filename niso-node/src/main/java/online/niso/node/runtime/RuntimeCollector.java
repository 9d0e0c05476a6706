package online.niso.node.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import online.niso.common.cmd.Cmd;
import online.niso.common.cmd.CmdResult;
import online.niso.common.cmd.ProcessRunner;
import online.niso.common.error.InvalidInputException;

/**
 * Finds everything an interpreter already installed on this machine needs at run time: the binary
 * (and its symlink chain), its shared-library closure (via {@code ldd}, recursively over every ELF
 * file included), and its standard-library directories — so that Debian's own {@code python3} or
 * {@code node} runs inside a service rootfs that has no {@code /usr} of its own.
 */
public final class RuntimeCollector {

    private static final Duration LDD_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration COMPILE_TIMEOUT = Duration.ofMinutes(5);
    /** Test suites are large and never needed by a service. */
    private static final Set<String> SKIPPED_DIR_NAMES = Set.of("test", "tests", "idlelib", "__pycache__");

    private final ProcessRunner runner;

    public RuntimeCollector(ProcessRunner runner) {
        this.runner = runner;
    }

    /** The host paths (files and symlinks, absolute, sorted) that make up the runtime. */
    public Set<Path> collect(Path interpreter, List<Path> extraDirs) {
        if (!Files.isRegularFile(interpreter) || !Files.isExecutable(interpreter)) {
            throw new InvalidInputException("runtime interpreter " + interpreter + " is not an executable file");
        }
        Set<Path> paths = new TreeSet<>();
        Deque<Path> elfToScan = new ArrayDeque<>();
        addWithLinks(interpreter.toAbsolutePath(), paths, elfToScan);
        for (Path dir : standardLibraryDirs(interpreter)) {
            addTree(dir, paths, elfToScan);
        }
        for (Path dir : extraDirs) {
            addTree(dir.toAbsolutePath(), paths, elfToScan);
        }
        Set<Path> scanned = new TreeSet<>();
        while (!elfToScan.isEmpty()) {
            Path elf = elfToScan.pop();
            if (!scanned.add(elf)) {
                continue;
            }
            CmdResult ldd = runner.run(Cmd.of("ldd", elf.toString()), LDD_TIMEOUT);
            if (!ldd.ok()) {
                continue; // "not a dynamic executable": a static binary or a non-loadable ELF file
            }
            for (Path lib : LddOutput.parse(elf.toString(), ldd.stdout())) {
                addWithLinks(lib, paths, elfToScan);
            }
        }
        return paths;
    }

    /**
     * Byte-compiles a Python runtime's standard library where it was staged (no-op for other interpreters).
     * The copy leaves out the host's {@code __pycache__} (whose timestamps the host may rewrite), and the
     * runtime is read-only inside a service, so without this every service start compiled each stdlib
     * module it imports from source, ~0.4 s of CPU for a small HTTP app. Unchecked hash-based .pyc files:
     * the runtime never changes after it is made, and the source paths recorded in them are the in-service
     * ones ({@code -d}), so tracebacks name {@code /usr/lib/python3.X/...}.
     */
    public void precompile(Path interpreter, Path staging) {
        if (!isPython(interpreter)) {
            return;
        }
        for (Path stdlib : standardLibraryDirs(interpreter)) {
            Path inRuntime = RuntimeLayout.inRuntime(stdlib).orElseThrow(() -> new InvalidInputException(
                    "standard library " + stdlib + " is outside /usr"));
            CmdResult r = runner.run(precompileCommand(interpreter, stdlib, staging.resolve(inRuntime)),
                    COMPILE_TIMEOUT);
            if (!r.ok()) {
                throw new InvalidInputException("cannot byte-compile the standard library of " + interpreter
                        + ": " + r.describe());
            }
        }
    }

    /** {@code python -I -m compileall} over the staged copy of {@code stdlib}, recording {@code stdlib}'s path. */
    static Cmd precompileCommand(Path interpreter, Path stdlib, Path staged) {
        return Cmd.of(interpreter.toString(), "-I", "-m", "compileall", "-q", "-j", "0",
                "--invalidation-mode", "unchecked-hash", "-d", stdlib.toString(), staged.toString());
    }

    private static boolean isPython(Path interpreter) {
        return interpreter.getFileName().toString().startsWith("python");
    }

    /** Directories the interpreter loads code from at run time, asked of the interpreter itself. */
    List<Path> standardLibraryDirs(Path interpreter) {
        String name = interpreter.getFileName().toString();
        if (isPython(interpreter)) {
            CmdResult r = runner.run(Cmd.of(interpreter.toString(), "-I", "-c",
                    "import sysconfig; print(sysconfig.get_paths()['stdlib'])"), LDD_TIMEOUT);
            if (!r.ok()) {
                throw new InvalidInputException("cannot ask " + interpreter + " for its standard library: "
                        + r.describe());
            }
            return List.of(Path.of(r.stdout().strip()));
        }
        if (name.equals("java")) {
            // JAVA_HOME/bin/java → JAVA_HOME: the JVM loads its modules and libjvm from there.
            Path real = realPath(interpreter);
            return List.of(real.getParent().getParent());
        }
        return List.of(); // node and compiled interpreters: the binary and its libraries suffice
    }

    private void addTree(Path dir, Set<Path> paths, Deque<Path> elfToScan) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("runtime directory " + dir + " does not exist");
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> p.equals(dir) || !skipped(dir, p))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p))
                    .forEach(p -> {
                        paths.add(p);
                        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && isElf(p)) {
                            elfToScan.push(p);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean skipped(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            if (SKIPPED_DIR_NAMES.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    /** Adds a path, every symlink on its way to the real file, and the real file. */
    private void addWithLinks(Path path, Set<Path> paths, Deque<Path> elfToScan) {
        Path current = path;
        for (int hops = 0; hops < 40; hops++) {
            paths.add(current);
            if (!Files.isSymbolicLink(current)) {
                if (isElf(current)) {
                    elfToScan.push(current);
                }
                return;
            }
            try {
                Path target = Files.readSymbolicLink(current);
                current = current.getParent().resolve(target).normalize();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new InvalidInputException("too many symlinks resolving " + path);
    }

    static boolean isElf(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        } catch (IOException e) {
            return false;
        }
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
