package online.niso.node.cli;

import java.nio.file.Path;
import java.util.Optional;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.Stack;
import online.niso.node.activate.ServiceDefinition;
import online.niso.node.activate.StackFiles;
import online.niso.node.store.NodePaths;
import picocli.CommandLine.Option;

/** {@code --package PKG} / {@code --stack FILE} of activate and render: which definition NAME gets. */
final class DefinitionOptions {
    @Option(names = "--package", paramLabel = "PKG",
            description = "Service NAME runs package PKG (recorded in its definition; needed to change it).")
    String pkg;

    @Option(names = "--stack", paramLabel = "FILE",
            description = "Take NAME's definition from this stack file's [[service]] NAME; creates the networks it joins.")
    Path stack;

    /** The stack file, parsed and validated against this host's packages, when --stack was given. */
    Optional<Stack> loadStack(NodePaths paths, String name) {
        return Optional.ofNullable(stack).map(f -> StackFiles.load(f, paths, name));
    }

    /**
     * Pure: the definition service {@code name} is activated with. {@code --stack} takes the stack's entry,
     * {@code --package} a plain definition of that package, neither the stored one. A {@code --from} package
     * ({@code fromPackage}) must be the chosen definition's package: a service's package changes only when
     * asked for explicitly.
     */
    static ServiceDefinition choose(String name, Optional<String> pkg, Optional<Stack> stack,
            ServiceDefinition stored, Optional<String> fromPackage, Optional<Path> fromFile) {
        ServiceDefinition def;
        if (stack.isPresent()) {
            def = ServiceDefinition.fromStack(stack.get(), name);
            if (pkg.isPresent() && !pkg.get().equals(def.packageName())) {
                throw new InvalidInputException("--package " + pkg.get() + " contradicts the stack, where service "
                        + name + " runs package " + def.packageName());
            }
        } else if (pkg.isPresent()) {
            def = ServiceDefinition.plain(name, pkg.get());
        } else {
            def = stored;
        }
        if (fromPackage.isPresent() && !fromPackage.get().equals(def.packageName())) {
            throw new InvalidInputException("--from " + fromFile.map(Path::toString).orElse("FILE") + " holds package "
                    + fromPackage.get() + ", but service " + name + " runs package " + def.packageName()
                    + (stack.isPresent() ? " (in the stack)" : "; pass --package " + fromPackage.get()
                            + " to change it"));
        }
        return def;
    }
}
