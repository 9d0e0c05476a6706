package online.niso.node.net;

import java.util.List;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.PortMapping;

/** Checks a service's published ports against each other and every other service's (pure). */
final class PortForwards {
    private PortForwards() {}

    static void check(NetState state, String service, List<PortMapping> ports) {
        for (int i = 0; i < ports.size(); i++) {
            PortMapping p = ports.get(i);
            if (p.bindAddress().isPresent() && !p.bindAddress().get().isV4()) {
                throw new InvalidInputException("port " + p + ": services have IPv4 addresses only;"
                        + " bind an IPv4 address or none");
            }
            for (int j = i + 1; j < ports.size(); j++) {
                if (p.clashesWith(ports.get(j))) {
                    throw new InvalidInputException("ports " + p + " and " + ports.get(j) + " of " + service
                            + " claim the same host port");
                }
            }
            for (Attachment other : state.attachments()) {
                if (other.service().equals(service)) {
                    continue;
                }
                for (PortMapping o : other.ports()) {
                    if (p.clashesWith(o)) {
                        throw new InvalidInputException("port " + p + " is already published by " + other.service()
                                + " (" + o + ")");
                    }
                }
            }
        }
    }
}
