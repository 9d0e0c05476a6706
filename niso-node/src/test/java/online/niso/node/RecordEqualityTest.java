package online.niso.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.stream.Stream;
import online.niso.common.model.Cidr;
import online.niso.common.model.IpAddress;
import online.niso.common.model.NetworkPolicy;
import online.niso.common.model.NetworkPolicy.CidrPeer;
import online.niso.common.model.NetworkPolicy.EgressRule;
import online.niso.common.model.NetworkPolicy.NetworkPeer;
import online.niso.common.model.PortMapping;
import online.niso.common.model.PackageRef;
import online.niso.common.model.Protocol;
import online.niso.common.model.Version;
import online.niso.common.sign.KeyId;
import online.niso.node.activate.Release;
import online.niso.node.net.Attachment;
import online.niso.node.net.Link;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The records whose equals/hashCode are written out (to keep a short niso run from bootstrapping the generated
 * ones) must mean what the generated ones mean: equal exactly when every component is equal. For each, a base
 * value and, per component, a variant that differs from it in that component only; the test checks that the
 * variants cover every component (so a component added later without a variant fails here), that a copy made
 * through the canonical constructor is equal with the same hash, and that each variant is unequal both ways.
 */
class RecordEqualityTest {
    private static final IpAddress IP_A = IpAddress.parse("10.0.0.2");
    private static final IpAddress IP_B = IpAddress.parse("10.0.0.3");
    private static final Cidr NET_A = Cidr.parse("10.0.0.0/24");
    private static final PortMapping PORT_A = PortMapping.parse("8080:80");
    private static final NetworkPolicy POLICY = new NetworkPolicy(List.of(new NetworkPeer("web")),
            List.of(new CidrPeer(NET_A)), List.of(EgressRule.parse("db.niso.local:5432")),
            List.of(EgressRule.parse("0.0.0.0/0:25")));

    private static byte[] key(int first) {
        byte[] raw = new byte[32];
        raw[0] = (byte) first;
        return raw;
    }

    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of(new Release("web", "1.0.0"), List.of(
                        new Release("api", "1.0.0"), new Release("web", "1.0.1"))),
                Arguments.of(KeyId.ofRawPublicKey(new byte[32]), List.of(KeyId.ofRawPublicKey(key(1)))),
                Arguments.of(PackageRef.parse("web:1.0.0"), List.of(
                        PackageRef.parse("api:1.0.0"), PackageRef.parse("web:1.0"))),
                Arguments.of(Version.parse("1.0.0"), List.of(Version.parse("1.0"))),
                Arguments.of(new Link("default", IP_A), List.of(
                        new Link("backend", IP_A), new Link("default", IP_B))),
                Arguments.of(new Attachment("web", List.of(new Link("default", IP_A)), List.of(PORT_A),
                        Optional.of("www"), POLICY), List.of(
                        new Attachment("api", List.of(new Link("default", IP_A)), List.of(PORT_A),
                                Optional.of("www"), POLICY),
                        new Attachment("web", List.of(new Link("default", IP_B)), List.of(PORT_A),
                                Optional.of("www"), POLICY),
                        new Attachment("web", List.of(new Link("default", IP_A)), List.of(),
                                Optional.of("www"), POLICY),
                        new Attachment("web", List.of(new Link("default", IP_A)), List.of(PORT_A),
                                Optional.empty(), POLICY),
                        new Attachment("web", List.of(new Link("default", IP_A)), List.of(PORT_A),
                                Optional.of("www"), NetworkPolicy.OPEN))),
                Arguments.of(new PortMapping(Optional.of(IP_A), 8080, 80, Protocol.TCP), List.of(
                        new PortMapping(Optional.empty(), 8080, 80, Protocol.TCP),
                        new PortMapping(Optional.of(IP_A), 8081, 80, Protocol.TCP),
                        new PortMapping(Optional.of(IP_A), 8080, 81, Protocol.TCP),
                        new PortMapping(Optional.of(IP_A), 8080, 80, Protocol.UDP))),
                Arguments.of(NET_A, List.of(Cidr.parse("10.0.1.0/24"), Cidr.parse("10.0.0.0/16"))),
                Arguments.of(POLICY, List.of(
                        new NetworkPolicy(List.of(), POLICY.denyFrom(), POLICY.egressAllow(), POLICY.egressDeny()),
                        new NetworkPolicy(POLICY.allowFrom(), List.of(), POLICY.egressAllow(), POLICY.egressDeny()),
                        new NetworkPolicy(POLICY.allowFrom(), POLICY.denyFrom(), List.of(), POLICY.egressDeny()),
                        new NetworkPolicy(POLICY.allowFrom(), POLICY.denyFrom(), POLICY.egressAllow(), List.of()))),
                Arguments.of(new NetworkPeer("web"), List.of(new NetworkPeer("api"))),
                Arguments.of(new CidrPeer(NET_A), List.of(new CidrPeer(Cidr.parse("10.9.0.0/16")))),
                Arguments.of(new EgressRule(Optional.of("db.niso.local"), Optional.of(NET_A), OptionalInt.of(5432)),
                        List.of(
                        new EgressRule(Optional.empty(), Optional.of(NET_A), OptionalInt.of(5432)),
                        new EgressRule(Optional.of("db.niso.local"), Optional.empty(), OptionalInt.of(5432)),
                        new EgressRule(Optional.of("db.niso.local"), Optional.of(NET_A), OptionalInt.empty()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void equalExactlyWhenEveryComponentIsEqual(Record base, List<Record> variants) throws Exception {
        RecordComponent[] components = base.getClass().getRecordComponents();
        assertTrue(declaresItsOwn(base.getClass(), "equals", Object.class)
                && declaresItsOwn(base.getClass(), "hashCode"), base.getClass() + " writes out equals and hashCode");

        Record copy = copyOf(base);
        assertEquals(base, copy);
        assertEquals(copy, base);
        assertEquals(base.hashCode(), copy.hashCode());
        assertNotEquals(base, null);
        assertNotEquals(base, "not a record");

        var covered = new TreeSet<String>();
        for (Record variant : variants) {
            List<String> differing = new ArrayList<>();
            for (RecordComponent c : components) {
                if (!Objects.equals(c.getAccessor().invoke(base), c.getAccessor().invoke(variant))) {
                    differing.add(c.getName());
                }
            }
            assertEquals(1, differing.size(), variant + " differs from " + base + " in one component: " + differing);
            covered.addAll(differing);
            assertNotEquals(base, variant, "differs in " + differing);
            assertNotEquals(variant, base, "differs in " + differing);
        }
        var all = new TreeSet<String>();
        for (RecordComponent c : components) {
            all.add(c.getName());
        }
        assertEquals(all, covered, "every component of " + base.getClass().getSimpleName() + " has a variant");
    }

    private static boolean declaresItsOwn(Class<?> type, String method, Class<?>... params) {
        try {
            type.getDeclaredMethod(method, params);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** A new instance with the same component values, through the canonical constructor. */
    private static Record copyOf(Record r) throws Exception {
        RecordComponent[] components = r.getClass().getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = components[i].getAccessor().invoke(r);
        }
        Constructor<?> canonical = r.getClass().getDeclaredConstructor(types);
        canonical.setAccessible(true);
        return (Record) canonical.newInstance(values);
    }
}
