package online.niso.node.cli;

import java.util.concurrent.Callable;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.InvalidValueException;
import online.niso.common.model.PortMapping;
import online.niso.node.net.Attachment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(addMethodSubcommands = false, name = "port-forward", mixinStandardHelpOptions = true,
        description = "Publish another port of a running service, without restarting it.")
final class PortForwardCommand implements Callable<Integer> {
    private final NodeEnvironment env;

    @Mixin CommonOptions common;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Parameters(index = "0", paramLabel = "SERVICE") String service;

    @Parameters(index = "1", paramLabel = "HOST:CONTAINER[/PROTO]",
            description = "e.g. 9090:9090, 53:53/udp, 127.0.0.1:8443:443") String mapping;

    PortForwardCommand(NodeEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PortMapping port;
        try {
            port = PortMapping.parse(mapping);
        } catch (InvalidValueException e) {
            throw new InvalidInputException(e.getMessage());
        }
        try (NetContext ctx = NetContext.open(env, common, true)) {
            Attachment a = ctx.net.portForward(service, port);
            Output.print(env, json, new NetViews.Forwarded(a.service(), a.ip().toString(),
                    a.ports().stream().map(PortMapping::toString).toList()));
        }
        return 0;
    }
}
