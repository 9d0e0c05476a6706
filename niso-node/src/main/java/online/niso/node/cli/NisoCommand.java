package online.niso.node.cli;

import online.niso.common.cli.NisoVersion;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

@Command(addMethodSubcommands = false, name = "niso",
        mixinStandardHelpOptions = true,
        versionProvider = NisoCommand.Version.class,
        description = "Signed packages run as hardened systemd services.")
public final class NisoCommand {

    /**
     * Subcommands in help order. Added by {@link NodeMain#commandLine} rather than by the annotation:
     * picocli builds each command's model by reflection (its classes predate class-data sharing), so
     * a run that names one subcommand only builds that one.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
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
            StackCommand.class,
            AutoComplete.GenerateCompletion.class);

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"niso " + NisoVersion.get()};
        }
    }
}
