package online.niso.node.activate;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.Names;
import online.niso.common.model.PackageRef;
import online.niso.common.model.Stack;
import online.niso.common.model.StackService;
import online.niso.common.model.Version;

/**
 * What a service is: the package it runs and, for a stack service, the stack's overrides of that package's
 * manifest. Everything keyed by service name (unit {@code niso-<service>.service}, DNS name
 * {@code <service>.niso.local}, namespace, lock, history, rootfs, pointers) stays keyed by {@code service};
 * versions, digests, the package directory and the manifest come from {@code packageName}.
 *
 * @param service     the service name
 * @param packageName the package it runs
 * @param stack       the stack it was defined by, if any
 * @param overrides   the stack's {@code [[service]]} entry; a plain service has only name and package
 *                    ({@link #plain}). {@code overrides.pkg().version()} is the version the stack asks for,
 *                    {@link #NO_VERSION} for a plain definition.
 */
public record ServiceDefinition(String service, String packageName, Optional<String> stack,
        StackService overrides) {
    /** The version of a plain definition's package reference: "no preference". */
    public static final Version NO_VERSION = Version.parse("0");

    public ServiceDefinition {
        ActivationService.requireName(service);
        if (!Names.isName(packageName)) {
            throw new InvalidInputException("invalid package name \"" + packageName.replaceAll("[^\\x20-\\x7e]", "?")
                    + "\" (lowercase letters, digits and single hyphens, starting with a letter)");
        }
        if (!overrides.name().equals(service) || !overrides.pkg().name().equals(packageName)) {
            throw new IllegalArgumentException("overrides of " + overrides.name() + " (" + overrides.pkg()
                    + ") do not belong to service " + service + " (" + packageName + ")");
        }
    }

    /** Service {@code service} runs package {@code packageName} as its manifest says; no stack, no overrides. */
    public static ServiceDefinition plain(String service, String packageName) {
        return new ServiceDefinition(service, packageName, Optional.empty(), new StackService(service,
                new PackageRef(packageName, NO_VERSION), List.of(), List.of(), Map.of(), Optional.empty(), Map.of(),
                Map.of(), Optional.empty()));
    }

    /** The default of a service without a stored definition: it runs the package of its own name. */
    public static ServiceDefinition ofPackage(String name) {
        return plain(name, name);
    }

    /** Stack {@code stack}'s {@code [[service]]} named {@code service}; a clear error if there is none. */
    public static ServiceDefinition fromStack(Stack stack, String service) {
        StackService s = stack.service(service).orElseThrow(() -> new InvalidInputException("stack " + stack.name()
                + " has no service " + service + " (services: " + String.join(", ",
                        stack.services().stream().map(StackService::name).sorted().toList()) + ")"));
        return new ServiceDefinition(service, s.pkg().name(), Optional.of(stack.name()), s);
    }

    /** The version the stack asks for, if any (VERSION on the command line wins). */
    public Optional<String> requestedVersion() {
        Version v = overrides.pkg().version();
        return v.equals(NO_VERSION) ? Optional.empty() : Optional.of(v.text());
    }

    /** True when this is the default definition of a service of this name (runs its own package as is). */
    public boolean isDefault() {
        return stack.isEmpty() && packageName.equals(service) && hasNoOverrides();
    }

    /** True when the stack entry changes nothing of the package's manifest. */
    public boolean hasNoOverrides() {
        StackService o = overrides;
        return o.ports().isEmpty() && o.networks().isEmpty() && o.dependsOn().isEmpty() && o.type().isEmpty()
                && o.volumes().isEmpty() && o.environment().isEmpty() && o.binary().isEmpty();
    }
}
