package online.niso.node.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import online.niso.common.cmd.LocalProcessRunner;
import online.niso.node.runtime.RuntimeCollector;
import online.niso.node.runtime.RuntimeRef;
import online.niso.node.runtime.RuntimeStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(addMethodSubcommands = false, name = "runtime", mixinStandardHelpOptions = true,
        description = "Language runtimes installed once per host and bind-mounted into services.",
        subcommands = {RuntimeCommand.Add.class, RuntimeCommand.ListRuntimes.class, RuntimeCommand.Remove.class})
final class RuntimeCommand {

    @Command(addMethodSubcommands = false, name = "add", mixinStandardHelpOptions = true,
            description = "Create a runtime from an interpreter on this machine, with its shared libraries and "
                    + "standard library (e.g. niso runtime add python3:3.11 --from /usr/bin/python3).")
    static final class Add implements Callable<Integer> {
        private final NodeEnvironment env;
        @Mixin CommonOptions common;
        @Option(names = "--json", description = "Print JSON.") boolean json;
        @Parameters(paramLabel = "NAME:VERSION") String ref;
        @Option(names = "--from", required = true, paramLabel = "PATH", description = "The interpreter binary.")
        Path from;
        @Option(names = "--include", paramLabel = "DIR", description = "Extra directory to include (repeatable).")
        List<Path> include = new ArrayList<>();
        @Option(names = "--replace", description = "Replace an existing runtime of that name and version.")
        boolean replace;

        Add(NodeEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            RuntimeRef runtime = RuntimeRef.parse(ref);
            RuntimeCollector collector = new RuntimeCollector(new LocalProcessRunner());
            var files = collector.collect(from, include);
            var added = new RuntimeStore(env.paths(common.root), env.clock()).add(runtime, from, files, replace,
                    staging -> collector.precompile(from, staging));
            Output.print(env, json, new Views.RuntimeAdded(added));
            return 0;
        }
    }

    @Command(addMethodSubcommands = false, name = "list", mixinStandardHelpOptions = true, description = "List installed runtimes.")
    static final class ListRuntimes implements Callable<Integer> {
        private final NodeEnvironment env;
        @Mixin CommonOptions common;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        ListRuntimes(NodeEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Output.print(env, json, new Views.RuntimeList(
                    new RuntimeStore(env.paths(common.root), env.clock()).list()));
            return 0;
        }
    }

    @Command(addMethodSubcommands = false, name = "remove", mixinStandardHelpOptions = true, description = "Remove an installed runtime.")
    static final class Remove implements Callable<Integer> {
        private final NodeEnvironment env;
        @Mixin CommonOptions common;
        @Option(names = "--json", description = "Print JSON.") boolean json;
        @Parameters(paramLabel = "NAME:VERSION") String ref;

        Remove(NodeEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            RuntimeRef runtime = RuntimeRef.parse(ref);
            new RuntimeStore(env.paths(common.root), env.clock()).remove(runtime);
            Output.print(env, json, new Views.RuntimeRemoved(runtime.name(), runtime.version()));
            return 0;
        }
    }
}
