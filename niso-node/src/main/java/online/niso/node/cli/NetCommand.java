package online.niso.node.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.Callable;
import online.niso.common.cmd.LocalProcessRunner;
import online.niso.common.error.InvalidInputException;
import online.niso.common.error.OperationFailedException;
import online.niso.common.model.Cidr;
import online.niso.common.model.InvalidValueException;
import online.niso.common.model.Names;
import online.niso.node.net.NetState;
import online.niso.node.net.Network;
import online.niso.node.net.NetworkBootUnit;
import online.niso.node.systemd.SystemctlProcess;
import online.niso.node.systemd.UnitFileRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(addMethodSubcommands = false, name = "net", mixinStandardHelpOptions = true, description = "Manage niso networks and published ports.",
        subcommands = {NetCommand.Create.class, NetCommand.ListNets.class, NetCommand.Inspect.class,
            NetCommand.Remove.class, NetCommand.Ports.class, NetCommand.Rules.class, NetCommand.Restore.class,
            NetCommand.BootUnit.class, NetAttachCommands.Attach.class, NetAttachCommands.Detach.class,
            NetAttachCommands.Hosts.class})
final class NetCommand {

    abstract static class Base implements Callable<Integer> {
        final NodeEnvironment env;

        @Mixin CommonOptions common;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        Base(NodeEnvironment env) {
            this.env = env;
        }

        void print(Views.View v) {
            Output.print(env, json, v);
        }
    }

    @Command(addMethodSubcommands = false, name = "create", mixinStandardHelpOptions = true, description = "Create a network (bridge niso-NAME).")
    static final class Create extends Base {
        @Parameters(index = "0", paramLabel = "NAME") String name;

        @Option(names = "--subnet", required = true, paramLabel = "CIDR", description = "e.g. 10.99.1.0/24")
        String subnet;

        Create(NodeEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            Cidr cidr = parseCidr(subnet);
            try (NetContext ctx = NetContext.open(env, common, true)) {
                Network n = ctx.net.create(name, cidr);
                print(new NetViews.Created(NetViews.NetworkView.of(ctx.net.state(), n)));
            }
            return 0;
        }
    }

    @Command(addMethodSubcommands = false, name = "list", mixinStandardHelpOptions = true, description = "List networks.")
    static final class ListNets extends Base {
        ListNets(NodeEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            try (NetContext ctx = NetContext.open(env, common, false)) {
                NetState s = ctx.net.state();
                print(new NetViews.NetworkList(s.networks().stream().map(n -> NetViews.NetworkView.of(s, n)).toList()));
            }
            return 0;
        }
    }

    @Command(addMethodSubcommands = false, name = "inspect", mixinStandardHelpOptions = true, description = "Show a network and its services.")
    static final class Inspect extends Base {
        @Parameters(index = "0", paramLabel = "NAME") String name;

        Inspect(NodeEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            try (NetContext ctx = NetContext.open(env, common, false)) {
                NetState s = ctx.net.state();
                Network n = s.network(networkName(name))
                        .orElseThrow(() -> new InvalidInputException("no network named " + name));
                print(NetViews.NetworkView.of(s, n));
            }
            return 0;
        }
    }

    @Command(addMethodSubcommands = false, name = "remove", mixinStandardHelpOptions = true, description = "Remove an unused network and its bridge.")
    static final class Remove extends Base {
        @Parameters(index = "0", paramLabel = "NAME") String name;

        Remove(NodeEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            try (NetContext ctx = NetContext.open(env, common, true)) {
                print(new NetViews.Removed(ctx.net.remove(name).displayName()));
            }
            return 0;
        }
    }

    @Command(addMethodSubcommands = false, name = "ports", mixinStandardHelpOptions = true, description = "List every published port.")
    static final class Ports extends Base {
        Ports(NodeEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            try (NetContext ctx = NetContext.open(env, common, false)) {
                print(NetViews.PortList.of(ctx.net.state()));
            }
            return 0;
        }
    }

    @Command(addMethodSubcommands = false, name = "rules", mixinStandardHelpOptions = true,
            description = "Print the live inet niso tables (host and each service namespace).")
    static final class Rules extends Base {
        @Option(names = "--rendered", description = "Print what niso would load instead of what is live.")
        boolean rendered;

        Rules(NodeEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            try (NetContext ctx = NetContext.open(env, common, false)) {
                print(new NetViews.Rules(rendered ? ctx.net.renderedRules() : ctx.net.liveRules()));
            }
            return 0;
        }
    }

    @Command(addMethodSubcommands = false, name = "restore", mixinStandardHelpOptions = true,
            description = "Re-create bridges, namespaces and rules from the state DB (run at boot).")
    static final class Restore extends Base {
        Restore(NodeEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            try (NetContext ctx = NetContext.open(env, common, true)) {
                NetState s = ctx.net.restore();
                print(new NetViews.Restored(s.networks().size(), s.attachments().size()));
            }
            return 0;
        }
    }

    @Command(addMethodSubcommands = false, name = "boot-unit", mixinStandardHelpOptions = true,
            description = "Install and enable " + NetworkBootUnit.NAME + " (runs `niso net restore` at boot).")
    static final class BootUnit extends Base {
        @Option(names = "--niso", paramLabel = "PATH", defaultValue = "/usr/local/bin/niso",
                description = "The niso executable the unit runs (default: ${DEFAULT-VALUE}).")
        Path niso;

        @Option(names = "--no-enable", description = "Only write the unit file.")
        boolean noEnable;

        BootUnit(NodeEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() throws IOException {
            Path root = env.paths(common.root).root();
            Optional<Path> rootArg = root.equals(Path.of("/")) ? Optional.empty() : Optional.of(root);
            String text = UnitFileRenderer.render(NetworkBootUnit.unit(niso, rootArg));
            Path dir = root.resolve("etc/systemd/system");
            Files.createDirectories(dir);
            Path file = dir.resolve(NetworkBootUnit.NAME);
            Path tmp = Files.createTempFile(dir, ".niso-network", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (!noEnable) {
                try {
                    SystemctlProcess systemctl = new SystemctlProcess(new LocalProcessRunner());
                    systemctl.daemonReload();
                    systemctl.enable(NetworkBootUnit.NAME);
                } catch (OperationFailedException e) {
                    throw new OperationFailedException("wrote " + file + " but could not enable it: " + e.getMessage(), e);
                }
            }
            print(new NetViews.BootUnitInstalled(NetworkBootUnit.NAME, file.toString()));
            return 0;
        }
    }

    static Cidr parseCidr(String text) {
        try {
            return Cidr.parse(text);
        } catch (InvalidValueException e) {
            throw new InvalidInputException("--subnet: " + e.getMessage());
        }
    }

    static String networkName(String name) {
        try {
            return Names.network(name);
        } catch (InvalidValueException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }
}
