package online.niso.node.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import online.niso.common.error.InvalidInputException;
import online.niso.common.error.UnexpectedStateException;
import online.niso.common.model.Cidr;
import online.niso.common.model.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpamTest {
    private static final Network BACKEND = new Network("backend", Cidr.parse("10.99.1.0/24"));

    private static IpAddress ip(String s) {
        return IpAddress.parse(s);
    }

    @Test
    void firstServiceGetsDotTwo() {
        assertThat(Ipam.allocate(BACKEND, List.of(), Optional.empty())).isEqualTo(ip("10.99.1.2"));
    }

    @Test
    void takesTheLowestFreeAddressAndReusesGaps() {
        assertThat(Ipam.allocate(BACKEND, List.of(ip("10.99.1.2"), ip("10.99.1.4")), Optional.empty()))
                .isEqualTo(ip("10.99.1.3"));
    }

    @Test
    void staticAddressIsHonoured() {
        assertThat(Ipam.allocate(BACKEND, List.of(ip("10.99.1.2")), Optional.of(ip("10.99.1.50"))))
                .isEqualTo(ip("10.99.1.50"));
    }

    @Test
    void staticAddressAlreadyTakenIsRefused() {
        assertThatThrownBy(() -> Ipam.allocate(BACKEND, List.of(ip("10.99.1.7")), Optional.of(ip("10.99.1.7"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("already used");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.99.1.0", "10.99.1.1", "10.99.1.255", "10.99.2.5", "192.168.1.2"})
    void staticAddressOutsideOrReservedIsRefused(String address) {
        assertThatThrownBy(() -> Ipam.allocate(BACKEND, List.of(), Optional.of(ip(address))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(address);
    }

    @Test
    void fullNetworkIsReported() {
        Network tiny = new Network("tiny", Cidr.parse("10.99.9.0/29")); // .2 .. .6
        List<IpAddress> used = List.of(ip("10.99.9.2"), ip("10.99.9.3"), ip("10.99.9.4"), ip("10.99.9.5"),
                ip("10.99.9.6"));
        assertThatThrownBy(() -> Ipam.allocate(tiny, used, Optional.empty()))
                .isInstanceOf(UnexpectedStateException.class).hasMessageContaining("no free address");
    }

    @Test
    void gatewayIsDotOne() {
        assertThat(BACKEND.gateway()).isEqualTo(ip("10.99.1.1"));
        assertThat(BACKEND.bridge()).isEqualTo("niso-backend");
        assertThat(Network.DEFAULT.bridge()).isEqualTo("niso-default");
    }

    /** Property: repeated allocation with random releases never hands out a duplicate or reserved address. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 4711, 90210})
    void neverAllocatesADuplicateOrReservedAddress(long seed) {
        Random random = new Random(seed);
        Network net = new Network("prop", Cidr.parse("10.99.7.0/26"));
        List<IpAddress> used = new ArrayList<>();
        for (int step = 0; step < 500; step++) {
            if (!used.isEmpty() && random.nextInt(3) == 0) {
                used.remove(random.nextInt(used.size()));
                continue;
            }
            if (used.size() == 61) { // /26: 64 - network, gateway, broadcast
                assertThatThrownBy(() -> Ipam.allocate(net, used, Optional.empty()))
                        .isInstanceOf(UnexpectedStateException.class);
                continue;
            }
            IpAddress got = Ipam.allocate(net, used, Optional.empty());
            long index = Ipam.indexOf(net.subnet(), got);
            assertThat(index).isBetween(2L, 62L);
            assertThat(used).doesNotContain(got);
            used.add(got);
        }
        Set<IpAddress> unique = new HashSet<>(used);
        assertThat(unique).hasSize(used.size());
    }
}
