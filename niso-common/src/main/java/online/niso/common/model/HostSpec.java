package online.niso.common.model;

import java.util.Map;

/** One [[host]]: the address always carries a user (from the URL or [ssh] user). */
public record HostSpec(String name, SshAddress address, Map<String, String> labels) {
    public HostSpec {
        labels = Immutables.sorted(labels);
    }
}
