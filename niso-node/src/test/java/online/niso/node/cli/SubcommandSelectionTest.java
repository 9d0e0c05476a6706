package online.niso.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.AutoComplete;
import picocli.CommandLine;

/** A run that names one subcommand builds only that one; help, typos and completion see them all. */
class SubcommandSelectionTest {

    @Test
    void aNamedSubcommandAloneIsBuilt() {
        assertThat(NodeMain.subcommandsFor(new String[] {"pack", "dir"})).containsExactly(PackCommand.class);
        assertThat(NodeMain.subcommandsFor(new String[] {"install", "--help"})).containsExactly(InstallCommand.class);
        assertThat(NodeMain.subcommandsFor(new String[] {"stack", "up"})).containsExactly(StackCommand.class);
        assertThat(NodeMain.subcommandsFor(new String[] {"--version"})).isEmpty();
    }

    @Test
    void versionAloneBuildsNoSubcommandAndStillAnswers() {
        StringWriter out = new StringWriter();
        int code = NodeMain.run(new NodeEnvironment(new PrintWriter(out), new PrintWriter(new StringWriter()),
                Map.of(), Clock.systemUTC(), false), "--version");
        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("niso ");
    }

    @Test
    void everythingElseGetsAllInHelpOrder() {
        for (String[] args : new String[][] {{}, {"--help"}, {"pakc"}, {"generate-completion"}, {"-v", "pack"},
                {"--version", "pack"}}) {
            assertThat(NodeMain.subcommandsFor(args)).isEqualTo(NisoCommand.SUBCOMMANDS);
        }
        assertThat(NisoCommand.SUBCOMMANDS).first().isEqualTo(KeygenCommand.class);
        assertThat(NisoCommand.SUBCOMMANDS).last().isEqualTo(AutoComplete.GenerateCompletion.class);
    }

    @Test
    void theFullTreeStillListsEveryCommandInHelp() {
        NodeEnvironment env = new NodeEnvironment(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), Map.of(), Clock.systemUTC(), false);
        CommandLine cli = NodeMain.commandLine(env);
        assertThat(cli.getSubcommands().keySet()).containsExactly("keygen", "pack", "verify", "install", "list",
                "remove", "runtime", "activate", "deactivate", "rollback", "status", "health", "logs", "render",
                "history", "net", "port-forward", "stack", "generate-completion");
        String usage = cli.getUsageMessage();
        assertThat(usage).contains("keygen", "pack", "install", "generate-completion");
        assertThat(NodeMain.commandLine(env, new String[] {"list"}).getSubcommands().keySet())
                .containsExactly("list");
    }

    @Test
    void noCommandAsksPicocliToScanItsMethodsForSubcommands() {
        // None of niso's commands has method subcommands; with picocli's default (addMethodSubcommands = true)
        // every run reflects over every method of every command class it builds to look for some.
        NodeEnvironment env = new NodeEnvironment(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), Map.of(), Clock.systemUTC(), false);
        java.util.List<CommandLine> all = new java.util.ArrayList<>(java.util.List.of(NodeMain.commandLine(env)));
        for (int i = 0; i < all.size(); i++) {
            CommandLine c = all.get(i);
            all.addAll(c.getSubcommands().values());
            Class<?> type = c.getCommandSpec().userObject().getClass();
            CommandLine.Command a = type.getAnnotation(CommandLine.Command.class);
            if (type.getName().startsWith("online.niso.")) {
                assertThat(a.addMethodSubcommands()).as(type.getName()).isFalse();
            }
        }
        assertThat(all).hasSizeGreaterThan(30);
    }

    @Test
    void aTypoStillGetsASuggestion() {
        StringWriter err = new StringWriter();
        int code = NodeMain.run(new NodeEnvironment(new PrintWriter(new StringWriter()), new PrintWriter(err),
                Map.of(), Clock.systemUTC(), false), "pakc");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("pack");
    }
}
