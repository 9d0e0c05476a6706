package online.niso.node.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import online.niso.node.activate.ActivationService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(addMethodSubcommands = false, name = "logs", mixinStandardHelpOptions = true, description = "The service's journal (journalctl -u niso-NAME).")
final class LogsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME") String name;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines.")
    boolean follow;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", description = "Last N lines (default 100).")
    int lines = 100;

    /** Pure: the journalctl command line. */
    static List<String> argv(String name, int lines, boolean follow) {
        List<String> argv = new ArrayList<>(List.of("journalctl", "--no-pager", "--output=short-iso", "-u",
                "niso-" + ActivationService.requireName(name) + ".service", "-n", Integer.toString(Math.max(0, lines))));
        if (follow) {
            argv.add("--follow");
        }
        return argv;
    }

    @Override
    public Integer call() throws Exception {
        // journalctl writes straight to our terminal (and follows until Ctrl-C): nothing to capture.
        Process p = new ProcessBuilder(argv(name, lines, follow)).inheritIO().start();
        return p.waitFor();
    }
}
