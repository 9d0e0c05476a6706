package online.niso.node.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import online.niso.node.activate.ActivationPlan;
import online.niso.node.activate.ActivationService;
import online.niso.node.activate.ServiceDefinition;
import online.niso.node.rootfs.FsOp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(addMethodSubcommands = false, name = "render", mixinStandardHelpOptions = true,
        description = "Print the unit file and rootfs plan activate would apply (the same code path), change nothing.")
final class RenderCommand implements Callable<Integer> {
    private final NodeEnvironment env;

    @Mixin CommonOptions common;

    @Mixin DefinitionOptions definition;

    @Parameters(index = "0", paramLabel = "NAME") String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION") String version;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    RenderCommand(NodeEnvironment env) {
        this.env = env;
    }

    /**
     * @param release     the release directory the service's {@code current} link will point at (the unit
     *                    reaches the version only through it): its key, package target and environment names
     */
    record RenderView(String service, String version, String digest, String unitName, String unit,
            String rootfsDir, List<String> rootfs, String release, String app, List<String> environment)
            implements Views.View {
        static RenderView of(ActivationPlan p) {
            String app = "/opt/niso/packages/" + p.release().packageName() + "/" + p.release().version();
            // Names only: values may be sensitive, and `render` output ends up in CI logs.
            List<String> env = p.spec().environment().keySet().stream().toList();
            return new RenderView(p.service(), p.target().version(), p.target().digest(), p.unitName(), p.unitText(),
                    p.layout().rootfsDir().toString(), p.rootfs().ops().stream().map(RenderView::describe).toList(),
                    p.files().key(), app, env);
        }

        static String describe(FsOp op) {
            if (op instanceof FsOp.MakeDir d) {
                return String.format("mkdir %04o /%s", d.mode(), d.path());
            }
            if (op instanceof FsOp.Symlink s) {
                return "symlink /" + s.path() + " -> " + s.target();
            }
            FsOp.WriteFile w = (FsOp.WriteFile) op;
            return String.format("write %04o /%s (%d bytes)", w.mode(), w.path(), w.content().length());
        }

        @Override
        public String text() {
            return "# /etc/systemd/system/" + unitName + "\n" + unit + "\n# rootfs " + rootfsDir + "\n"
                    + String.join("\n", rootfs) + "\n# release " + service + " " + version + ": /opt/niso/services/"
                    + service + "/releases/" + release + " (current -> it)\napp -> " + app + "\nenvironment: "
                    + String.join(" ", environment);
        }
    }

    @Override
    public Integer call() {
        var paths = env.paths(common.root);
        ActivationService.requireName(name);
        Optional.ofNullable(definition.pkg).ifPresent(ActivationService::requirePackageName);
        ActivationService service = ActivationCommands.activations(env, paths);
        ServiceDefinition def = DefinitionOptions.choose(name, Optional.ofNullable(definition.pkg),
                definition.loadStack(paths, name), service.definition(name), Optional.empty(), Optional.empty());
        ActivationPlan plan = service.render(def, Optional.ofNullable(version));
        Output.print(env, json, RenderView.of(plan));
        return 0;
    }
}
