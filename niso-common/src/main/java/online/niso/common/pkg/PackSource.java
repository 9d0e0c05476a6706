package online.niso.common.pkg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import online.niso.common.error.InvalidInputException;

/**
 * Turns a project directory into the sorted entry list PackageWriter takes. Honours {@code [copy]
 * include} (files and {@code dir/} entries; empty = the whole tree) and {@code .nisoignore}; adds
 * {@code --binary PATH} as {@code bin/<basename>} (0755). manifest.toml is always included (and
 * returned separately: the writer puts it first); {@code .nisoignore} itself and top-level
 * {@code *.niso} files (earlier pack output in the default output directory) are never included.
 * Symlinks are kept as symlinks only when relative and inside the tree; anything else is an error.
 */
public final class PackSource {
    public static final String IGNORE_FILE = ".nisoignore";

    /** @param manifest the bytes of manifest.toml; @param entries payload entries sorted by path bytes */
    public record Result(byte[] manifest, List<PackEntry> entries) {
    }

    private final Path root;
    private final NisoIgnore ignore;
    private final Map<String, PackEntry> entries = new TreeMap<>(ArchivePaths.BYTE_ORDER);

    private PackSource(Path root, NisoIgnore ignore) {
        this.root = root;
        this.ignore = ignore;
    }

    public static Result collect(Path projectDir, List<String> include, Optional<Path> binary) {
        Path root = projectDir.toAbsolutePath().normalize();
        Path manifestFile = root.resolve(Layout.MANIFEST);
        byte[] manifest;
        try {
            if (!Files.isRegularFile(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException(manifestFile + ": not found (niso pack needs a manifest.toml)");
            }
            manifest = Files.readAllBytes(manifestFile);
            Path ignoreFile = root.resolve(IGNORE_FILE);
            NisoIgnore ignore = Files.isRegularFile(ignoreFile)
                    ? NisoIgnore.parse(Files.readString(ignoreFile, StandardCharsets.UTF_8)) : NisoIgnore.EMPTY;
            PackSource src = new PackSource(root, ignore);
            if (include.isEmpty()) {
                src.walkChildren("", root);
            } else {
                for (String inc : include) {
                    src.addInclude(inc);
                }
            }
            binary.ifPresent(src::addBinary);
            return new Result(manifest, List.copyOf(src.entries.values()));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read project " + root + ": " + e.getMessage(), e);
        }
    }

    private void addInclude(String inc) throws IOException {
        String rel = inc.strip();
        while (rel.startsWith("./")) {
            rel = rel.substring(2);
        }
        boolean wantDir = rel.endsWith("/");
        while (rel.endsWith("/")) {
            rel = rel.substring(0, rel.length() - 1);
        }
        String p = rel;
        ArchivePaths.problem(p).ifPresent(why -> {
            throw new InvalidInputException("[copy] include \"" + inc + "\": " + why);
        });
        Path file = root.resolve(p);
        PosixFileAttributes a;
        try {
            a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("[copy] include \"" + inc + "\": " + file + " does not exist");
        }
        if (wantDir && !a.isDirectory()) {
            throw new InvalidInputException("[copy] include \"" + inc + "\": " + file + " is not a directory");
        }
        addParents(p);
        add(p, file, a, true);
    }

    private void addBinary(Path bin) {
        Path src;
        try {
            // The user named this file: follow a symlink to it (e.g. target/release/app -> ...).
            src = bin.toRealPath();
        } catch (IOException e) {
            throw new InvalidInputException("--binary " + bin + ": not found");
        }
        if (!Files.isRegularFile(src)) {
            throw new InvalidInputException("--binary " + bin + ": not a regular file");
        }
        String path = "bin/" + bin.getFileName();
        ArchivePaths.problem(path).ifPresent(why -> {
            throw new InvalidInputException("--binary " + bin + ": " + why);
        });
        if (entries.containsKey(path) || entries.containsKey("bin") && entries.get("bin").type() != EntryType.DIRECTORY) {
            throw new InvalidInputException("--binary " + bin + ": " + path + " is also in the project tree");
        }
        entries.putIfAbsent("bin", PackEntry.directory("bin"));
        entries.put(path, new PackEntry(path, EntryType.FILE, PackEntry.EXEC_MODE, src, null));
    }

    private void addParents(String path) {
        int slash = -1;
        while ((slash = path.indexOf('/', slash + 1)) >= 0) {
            String dir = path.substring(0, slash);
            entries.putIfAbsent(dir, PackEntry.directory(dir));
        }
    }

    /** Adds one path; {@code explicit} = named in [copy] include, so .nisoignore does not drop it. */
    private void add(String rel, Path file, PosixFileAttributes a, boolean explicit) throws IOException {
        if (!explicit && ignore.isIgnored(rel, a.isDirectory())) {
            return;
        }
        if (rel.equals(Layout.MANIFEST) || rel.equals(IGNORE_FILE)) {
            return; // manifest handled separately; the ignore file is build input, not payload
        }
        if (a.isSymbolicLink()) {
            String target = Files.readSymbolicLink(file).toString();
            ArchivePaths.symlinkProblem(rel, target).ifPresent(why -> {
                throw new InvalidInputException(file + ": " + why + "; only relative symlinks inside the project are packed");
            });
            entries.put(rel, PackEntry.symlink(rel, target));
        } else if (a.isDirectory()) {
            entries.put(rel, PackEntry.directory(rel));
            walkChildren(rel + "/", file);
        } else if (a.isRegularFile()) {
            if (Layout.isReserved(rel)) {
                throw new InvalidInputException(file + ": " + rel + " is reserved; niso writes it itself");
            }
            boolean exec = a.permissions().contains(PosixFilePermission.OWNER_EXECUTE)
                    || a.permissions().contains(PosixFilePermission.GROUP_EXECUTE)
                    || a.permissions().contains(PosixFilePermission.OTHERS_EXECUTE);
            entries.put(rel, PackEntry.file(rel, file, exec));
        } else {
            throw new InvalidInputException(file + ": not a regular file, directory or symlink (devices, fifos and"
                    + " sockets cannot be packed)");
        }
    }

    private void walkChildren(String prefix, Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(children::add);
        }
        for (Path child : children) {
            String name = child.getFileName().toString();
            String rel = prefix + name;
            if (prefix.isEmpty() && name.endsWith(Layout.EXTENSION)) {
                continue;
            }
            ArchivePaths.problem(rel).ifPresent(why -> {
                throw new InvalidInputException(child + ": cannot be packed: " + why);
            });
            add(rel, child, Files.readAttributes(child, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS), false);
        }
    }
}
