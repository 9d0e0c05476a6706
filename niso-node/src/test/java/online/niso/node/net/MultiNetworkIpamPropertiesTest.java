package online.niso.node.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import online.niso.common.model.Cidr;
import online.niso.common.model.IpAddress;
import online.niso.common.model.NetworkPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property-style (seeded): random sequences of attach (random subsets of three networks, in random order) and
 * detach, run through {@link Ipam#links} as the service does it. After every step no network has a duplicate or
 * reserved address, every link lies in its network's subnet, a service keeps its address on every network it
 * stays on, and the same seed gives the same state (stable across runs).
 */
class MultiNetworkIpamPropertiesTest {
    private static final List<Network> NETWORKS = List.of(new Network("a", Cidr.parse("10.99.1.0/27")),
            new Network("b", Cidr.parse("10.99.2.0/28")), new Network("c", Cidr.parse("10.99.3.0/24")));

    static Stream<Long> seeds() {
        return LongStream.range(0, 20).map(i -> 6151L * i + 7).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void noDuplicateAddressesAddressesKeptAndTheSameSeedGivesTheSameState(long seed) {
        NetState first = run(seed);
        assertThat(run(seed)).isEqualTo(first);
    }

    private static NetState run(long seed) {
        Random r = new Random(seed);
        NetState state = new NetState(NETWORKS, List.of());
        for (int step = 0; step < 300; step++) {
            String service = "s" + r.nextInt(12); // /28 has 13 usable addresses: b never runs out
            Optional<Attachment> old = state.attachment(service);
            List<Attachment> others = new ArrayList<>(state.attachments());
            others.removeIf(a -> a.service().equals(service));
            if (old.isPresent() && r.nextInt(4) == 0) {
                state = new NetState(NETWORKS, others); // detach
                continue;
            }
            List<Network> joins = new ArrayList<>(NETWORKS);
            Collections.shuffle(joins, r);
            joins = joins.subList(0, 1 + r.nextInt(NETWORKS.size()));
            List<Link> links = Ipam.links(state, service, joins, Optional.empty(), old);
            Attachment next = new Attachment(service, links, List.of(), Optional.empty(), NetworkPolicy.OPEN);
            for (Link l : links) {
                Optional<IpAddress> had = old.flatMap(o -> o.ipOn(l.network()));
                if (had.isPresent() && !had.get().equals(l.ip())) {
                    fail(service + " moved from " + had.get() + " to " + l.ip() + " on " + l.network());
                }
            }
            assertThat(next.networks()).containsExactlyElementsOf(joins.stream().map(Network::name).toList());
            others.add(next);
            state = new NetState(NETWORKS, others);
            checkInvariants(state);
        }
        return state;
    }

    private static void checkInvariants(NetState state) {
        Map<String, Set<IpAddress>> used = new HashMap<>();
        for (Attachment a : state.attachments()) {
            for (Link l : a.links()) {
                Network n = state.network(l.network()).orElseThrow();
                long index = Ipam.indexOf(n.subnet(), l.ip());
                long size = 1L << (32 - n.subnet().prefix());
                if (index < 2 || index > size - 2) {
                    fail(l.ip() + " is outside or reserved on " + n.name());
                }
                if (!used.computeIfAbsent(l.network(), k -> new HashSet<>()).add(l.ip())) {
                    fail(l.ip() + " is used twice on " + l.network());
                }
            }
        }
    }
}
