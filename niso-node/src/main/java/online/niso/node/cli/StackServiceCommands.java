package online.niso.node.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import online.niso.node.stack.JournalLines;
import online.niso.node.stack.StackActivator;
import online.niso.node.stack.StackFile;
import online.niso.node.stack.StackRecord;
import online.niso.node.stack.StackReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The stack commands about one service (upgrade, restart, logs, wait) and {@code down}. */
final class StackServiceCommands {
    private StackServiceCommands() {}

    @Command(addMethodSubcommands = false, name = "upgrade", mixinStandardHelpOptions = true,
            description = "Activate another version of one service; health-gated, rolled back on failure (exit 1).")
    static final class Upgrade extends StackCommand.FileBase implements ChangesStatus {
        @Parameters(index = "0", paramLabel = "SERVICE") String service;

        @Parameters(index = "1", paramLabel = "VERSION") String version;

        @Option(names = "--timeout", paramLabel = "D", description = "How long to wait for health.")
        String timeout;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        Upgrade(NodeEnvironment env) {
            super(env);
        }

        @Override
        public Integer change() {
            StackFile f = StackContext.file(file);
            try (StackContext ctx = new StackContext(env, common)) {
                StackReports.StepDoc d = ctx.stacks.upgrade(f, service, version, ActivationCommands.timeout(timeout),
                        progress(json));
                return finish(json, d, isOk(d));
            }
        }
    }

    static boolean isOk(StackReports.StepDoc d) {
        return List.of("healthy", "started", "completed").contains(d.state());
    }

    @Command(addMethodSubcommands = false, name = "restart", mixinStandardHelpOptions = true, description = "Restart one service and wait for it.")
    static final class Restart extends StackCommand.OnRecord implements ChangesStatus {
        @Parameters(index = "0", paramLabel = "SERVICE") String service;

        @Option(names = "--timeout", paramLabel = "D", description = "How long to wait for it to be ready.")
        String timeout;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        Restart(NodeEnvironment env) {
            super(env);
        }

        @Override
        public Integer change() {
            try (StackContext ctx = new StackContext(env, common)) {
                StackRecord r = ctx.record(file, stack);
                StackReports.StepDoc d = ctx.stacks.restart(r, service, ActivationCommands.timeout(timeout),
                        progress(json));
                return finish(json, d, isOk(d));
            }
        }
    }

    @Command(addMethodSubcommands = false, name = "wait", mixinStandardHelpOptions = true,
            description = "Block until the service is healthy (a job: completed); exit 1 at the timeout.")
    static final class Wait extends StackCommand.OnRecord {
        @Parameters(index = "0", paramLabel = "SERVICE") String service;

        @Option(names = "--timeout", paramLabel = "D", description = "Give up after D (default 60s).")
        String timeout;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        Wait(NodeEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            try (StackContext ctx = new StackContext(env, common)) {
                StackRecord r = ctx.record(file, stack);
                Duration d = ActivationCommands.timeout(timeout).orElse(Duration.ofSeconds(60));
                StackActivator.Step s = ctx.stacks.await(r, service, d);
                StackReports.StepDoc doc = new StackReports.StepDoc(s.service(), "wait", s.state(), null,
                        s.took().toMillis(), null, s.reason(), null);
                Output.print(env, json, json ? new StackViews.Report(doc) : new Line(s.ok()
                        ? service + " is " + s.state() + " (waited " + StackReports.seconds(s.took()) + ")"
                        : service + ": " + s.reason()));
                return s.ok() ? 0 : 1;
            }
        }
    }

    record Line(String line) implements Views.View {
        @Override
        public String text() {
            return line;
        }
    }

    @Command(addMethodSubcommands = false, name = "logs", mixinStandardHelpOptions = true,
            description = "The journals of the stack's services (or one), merged, each line prefixed [service].")
    static final class Logs extends StackCommand.Base {
        @Parameters(index = "0", arity = "0..1", paramLabel = "SERVICE") String service;

        @Option(names = "--file", paramLabel = "FILE", description = "The stack file (default ./stack.toml).")
        java.nio.file.Path file;

        @Option(names = "--stack", paramLabel = "NAME", description = "A deployed stack by name (instead of --file).")
        String stack;

        @Option(names = {"-f", "--follow"}, description = "Keep printing new lines (-f here is follow, as in journalctl).")
        boolean follow;

        @Option(names = {"-n", "--lines"}, paramLabel = "N", description = "Last N lines (default 100).")
        int lines = 100;

        Logs(NodeEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() throws Exception {
            List<String> services;
            try (StackContext ctx = new StackContext(env, common)) {
                StackRecord r = ctx.record(file, stack);
                if (service != null) {
                    r.service(service).orElseThrow(() -> new online.niso.common.error.InvalidInputException(
                            "stack " + r.name() + " has no service " + service));
                }
                services = service != null ? List.of(service)
                        : r.services().stream().map(StackRecord.Service::service).toList();
                List<String> argv = ctx.activator.journalArgv(services, lines, follow);
                Map<String, String> byUnit = new TreeMap<>();
                services.forEach(s -> byUnit.put("niso-" + s + ".service", s));
                Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        JournalLines.format(line, byUnit).ifPresent(env.out()::println);
                        env.out().flush();
                    }
                }
                return p.waitFor() == 0 ? 0 : 1;
            }
        }
    }

    @Command(addMethodSubcommands = false, name = "down", mixinStandardHelpOptions = true,
            description = "Stop and remove the stack's services (dependents first) and its networks; keep volumes.")
    static final class Down extends StackCommand.OnRecord implements ChangesStatus {
        @Option(names = "--volumes", description = "Also delete the services' named volumes.")
        boolean volumes;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        Down(NodeEnvironment env) {
            super(env);
        }

        @Override
        public Integer change() {
            try (StackContext ctx = new StackContext(env, common)) {
                StackRecord r = ctx.record(file, stack);
                StackReports.DownReport d = ctx.stacks.down(r, volumes, progress(json));
                return finish(json, d, true);
            }
        }
    }
}
