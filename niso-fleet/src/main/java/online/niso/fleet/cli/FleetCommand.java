package online.niso.fleet.cli;

import online.niso.common.cli.NisoVersion;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

@Command(addMethodSubcommands = false, name = "niso-fleet",
        mixinStandardHelpOptions = true,
        versionProvider = FleetCommand.Version.class,
        description = "Roll niso stacks out to many hosts over SSH.",
        subcommands = {
            PlanCommand.class,
            DeployCommand.class,
            StatusCommand.class,
            VersionsCommand.class,
            RollbackCommand.class,
            LockCommand.class,
            AuditCommand.class,
            BootstrapCommand.class,
            AutoComplete.GenerateCompletion.class,
        })
public final class FleetCommand {

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"niso-fleet " + NisoVersion.get()};
        }
    }
}
