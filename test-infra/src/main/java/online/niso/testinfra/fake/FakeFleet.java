package online.niso.testinfra.fake;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import online.niso.common.model.HostSpec;
import online.niso.common.remote.RemoteHost;
import online.niso.common.remote.RemoteHosts;

/** Named fake hosts plus the artifact files they can be sent; counts connections to check reuse. */
public final class FakeFleet implements RemoteHosts {
    private final Clock clock;
    private final Map<String, FakeRemoteHost> hosts = new LinkedHashMap<>();
    private final Map<Path, FakeNode.Pkg> artifacts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> connects = new ConcurrentHashMap<>();
    private final Map<String, RemoteHost> open = new ConcurrentHashMap<>();

    public FakeFleet(Clock clock, List<String> names) {
        this.clock = clock;
        for (String n : names) {
            hosts.put(n, new FakeRemoteHost(new FakeNode(n, clock, p -> Optional.ofNullable(artifacts.get(p)))));
        }
    }

    public FakeFleet artifact(Path file, FakeNode.Pkg pkg) {
        artifacts.put(file, pkg);
        return this;
    }

    public FakeNode node(String name) {
        return remote(name).node();
    }

    public FakeRemoteHost remote(String name) {
        FakeRemoteHost h = hosts.get(name);
        if (h == null) {
            throw new IllegalArgumentException("no fake host " + name + "; have " + hosts.keySet());
        }
        return h;
    }

    /** How many times a connection to {@code host} was opened (1 when it was reused for the whole run). */
    public int connections(String host) {
        return connects.getOrDefault(host, new AtomicInteger()).get();
    }

    @Override
    public RemoteHost get(HostSpec spec) {
        FakeRemoteHost h = remote(spec.name());
        return open.computeIfAbsent(spec.name(), n -> {
            connects.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
            h.reopen();
            return h;
        });
    }

    @Override
    public void close() {
        open.values().forEach(RemoteHost::close);
        open.clear();
    }

    public Clock clock() {
        return clock;
    }
}
