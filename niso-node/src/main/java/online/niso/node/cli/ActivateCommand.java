package online.niso.node.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import online.niso.common.error.InvalidInputException;
import online.niso.node.activate.ActivationPlan;
import online.niso.node.activate.ActivationResult;
import online.niso.common.model.Stack;
import online.niso.node.activate.ActivationService;
import online.niso.node.activate.ServiceDefinition;
import online.niso.node.pkg.InstallService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(addMethodSubcommands = false, name = "activate", mixinStandardHelpOptions = true,
        description = "Run a version of an installed package as niso-NAME.service (latest if no VERSION).")
final class ActivateCommand implements ChangesStatus {
    private final NodeEnvironment env;

    @Mixin CommonOptions common;

    @Mixin DefinitionOptions definition;

    @Parameters(index = "0", paramLabel = "NAME") String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION") String version;

    @Option(names = "--from", paramLabel = "FILE", description = "Install this .niso first (no-op if installed).")
    Path from;

    @Option(names = {"--verify-key", "--key"}, paramLabel = "PUB", description = "Trust this public key for --from.")
    List<Path> keys = new ArrayList<>();

    @Option(names = "--allow-unsigned", description = "Accept an unsigned --from package even when keys are trusted.")
    boolean allowUnsigned;

    @Option(names = "--dry-run", description = "Print the unit and rootfs plan that would be applied; change nothing.")
    boolean dryRun;

    @Option(names = "--wait", description = "Wait until healthy; roll back and exit 1 if it is not.")
    boolean waitForHealth;

    @Option(names = "--timeout", paramLabel = "D", description = "How long --wait waits (e.g. 60s, 2m).")
    String timeout;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--hold", paramLabel = "D",
            description = "With --wait: after it is healthy, keep checking for D; exit 1 if it lapses (no rollback).")
    String hold;

    ActivateCommand(NodeEnvironment env) {
        this.env = env;
    }

    @Override
    public Scope scope() {
        return new Scope(env, common.root);
    }

    @Override
    public Integer change() {
        var paths = env.paths(common.root);
        ActivationService.requireName(name);
        Optional<String> v = Optional.ofNullable(version);
        ActivationService service;
        ServiceDefinition stored;
        Optional<String> pkgOption = Optional.ofNullable(definition.pkg);
        try (online.niso.common.trace.Trace.Span span = online.niso.common.trace.Trace.span(
                "activate: services, stored definition")) {
            service = ActivationCommands.activations(env, paths);
            pkgOption.ifPresent(ActivationService::requirePackageName);
            stored = service.definition(name);
        }
        Optional<String> fromPackage = Optional.empty();
        if (from != null) {
            // Installing first is harmless (an installed version changes nothing that runs); the stack is
            // validated afterwards, against this package too.
            var trust = InstallService.trustPolicy(paths, keys, allowUnsigned);
            var installed = InstallService.install(paths, env.clock(), from, trust, false);
            fromPackage = Optional.of(installed.result().installed().name());
            if (v.isPresent() && !v.get().equals(installed.result().installed().version())) {
                throw new InvalidInputException("--from " + from + " holds version "
                        + installed.result().installed().version() + ", not " + v.get());
            }
            v = Optional.of(installed.result().installed().version());
        }
        Optional<Stack> stack = definition.loadStack(paths, name);
        ServiceDefinition def = DefinitionOptions.choose(name, pkgOption, stack, stored, fromPackage,
                Optional.ofNullable(from));
        if (dryRun) {
            ActivationPlan plan = service.render(def, v);
            Output.print(env, json, RenderCommand.RenderView.of(plan));
            return 0;
        }
        if (stack.isPresent()) {
            service.createStackNetworks(stack.get(), def, v);
        }
        var options = new ActivationService.Options(waitForHealth, ActivationCommands.timeout(timeout));
        // Neither option: the stored definition, read again under the service lock.
        ActivationResult r = stack.isEmpty() && pkgOption.isEmpty() ? service.activate(name, v, options)
                : service.activate(def, v, options);
        if (hold != null) {
            r = ActivationCommands.hold(env, paths).hold(r, ActivationCommands.hold(hold));
            Output.print(env, json, ContractViews.ActivateDoc.of(r));
            return online.niso.node.activate.HealthHold.exitCode(r);
        }
        Output.print(env, json, ContractViews.ActivateDoc.of(r));
        return r.exitCode(false);
    }
}
