package online.niso.node.cli;

import online.niso.common.cli.NisoVersion;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

@Command(name = "niso",
        mixinStandardHelpOptions = true,
        versionProvider = NisoCommand.Version.class,
        description = "Signed packages run as hardened systemd services.",
        subcommands = {
            KeygenCommand.class,
            PackCommand.class,
            VerifyCommand.class,
            InstallCommand.class,
            ListCommand.class,
            RemoveCommand.class,
            RuntimeCommand.class,
            ActivateCommand.class,
            DeactivateCommand.class,
            RollbackCommand.class,
            StatusCommand.class,
            HealthCommand.class,
            LogsCommand.class,
            RenderCommand.class,
            HistoryCommand.class,
            NetCommand.class,
            PortForwardCommand.class,
            AutoComplete.GenerateCompletion.class,
        })
public final class NisoCommand {

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"niso " + NisoVersion.get()};
        }
    }
}
