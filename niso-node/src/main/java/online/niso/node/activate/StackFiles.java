package online.niso.node.activate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import online.niso.common.config.StackParser;
import online.niso.common.config.StackValidator;
import online.niso.common.error.ConfigError;
import online.niso.common.error.ConfigException;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.Manifest;
import online.niso.common.model.PackageRef;
import online.niso.common.model.Stack;
import online.niso.common.model.StackService;
import online.niso.node.store.InstalledManifests;
import online.niso.node.store.NodePaths;

/** Reads a stack file for {@code activate --stack}: parsed and validated against the packages on this host. */
public final class StackFiles {
    private StackFiles() {}

    /**
     * Parses {@code file} (every syntax and cross-service error at once, with file:line) and validates the
     * services whose packages are installed here against their manifests, {@code service} always included:
     * a host holds only its part of a stack, so another service's package missing here is no error.
     */
    public static Stack load(Path file, NodePaths paths, String service) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("stack file " + file + " does not exist");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read stack file " + file + ": " + e.getMessage());
        }
        String name = file.getFileName().toString();
        Stack stack = StackParser.parse(name, text);
        if (stack.service(service).isEmpty()) {
            ServiceDefinition.fromStack(stack, service); // throws the "no service NAME" error
        }
        Function<PackageRef, Optional<Manifest>> lookup = ref -> installedManifest(paths, ref);
        try {
            StackValidator.validatePackages(stack, name, lookup);
        } catch (ConfigException e) {
            List<ConfigError> kept = new ArrayList<>();
            for (ConfigError err : e.errors()) {
                if (!isOtherServicesMissingPackage(err, stack, service, lookup)) {
                    kept.add(err);
                }
            }
            if (!kept.isEmpty()) {
                throw new ConfigException(kept);
            }
        }
        return stack;
    }

    private static boolean isOtherServicesMissingPackage(ConfigError err, Stack stack, String service,
            Function<PackageRef, Optional<Manifest>> lookup) {
        List<StackService> all = stack.services();
        for (int i = 0; i < all.size(); i++) {
            StackService s = all.get(i);
            if (err.keyPath().equals("service[" + i + "].package") && !s.name().equals(service)
                    && lookup.apply(s.pkg()).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    static Optional<Manifest> installedManifest(NodePaths paths, PackageRef ref) {
        Path m = paths.packageVersionDir(ref.name(), ref.version().text()).resolve("manifest.toml");
        if (!Files.isRegularFile(m)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InstalledManifests.read(paths, ref.name(), ref.version().text()));
        } catch (java.io.UncheckedIOException | ConfigException e) {
            return Optional.empty();
        }
    }
}
