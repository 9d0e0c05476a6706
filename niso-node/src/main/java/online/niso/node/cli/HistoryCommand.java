package online.niso.node.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import online.niso.node.activate.ActivationService;
import online.niso.node.activate.HistoryEntry;
import online.niso.node.activate.VersionRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(addMethodSubcommands = false, name = "history", mixinStandardHelpOptions = true, description = "Activations of a service, oldest first.")
final class HistoryCommand implements Callable<Integer> {
    private final NodeEnvironment env;

    @Mixin CommonOptions common;

    @Parameters(paramLabel = "NAME") String name;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    HistoryCommand(NodeEnvironment env) {
        this.env = env;
    }

    @com.fasterxml.jackson.databind.annotation.JsonNaming(
            com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Row(String at, String action, String from, String to, String outcome, long durationMs, String who,
            String reason) {}

    record HistoryView(String service, List<Row> entries) implements Views.View {
        @Override
        public String text() {
            if (entries.isEmpty()) {
                return "no history for " + service;
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("WHEN", "ACTION", "FROM", "TO", "OUTCOME", "MS", "WHO"));
            for (Row r : entries) {
                rows.add(List.of(r.at(), r.action(), r.from() == null ? "-" : r.from(), r.to() == null ? "-" : r.to(),
                        r.outcome(), Long.toString(r.durationMs()), r.who()));
            }
            return Table.render(rows);
        }
    }

    @Override
    public Integer call() {
        ActivationService.requireName(name);
        List<Row> rows = new ArrayList<>();
        for (HistoryEntry e : ActivationCommands.activations(env, env.paths(common.root)).history(name)) {
            rows.add(new Row(e.startedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString(), e.action(), e.from().map(VersionRef::version).orElse(null),
                    e.to().map(VersionRef::version).orElse(null), e.outcome(), e.durationMs(), e.who(),
                    e.reason().orElse(null)));
        }
        Output.print(env, json, new HistoryView(name, rows));
        return 0;
    }
}
