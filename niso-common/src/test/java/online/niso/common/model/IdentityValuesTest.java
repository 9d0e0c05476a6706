package online.niso.common.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Names, versions, package refs, paths, capabilities, ulimits, selectors, counts. */
class IdentityValuesTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "my-api", "api2", "a1-b2-c3", "x123456789012345678901234567890123456789012345678901234567890ab"})
    void acceptsStrictNames(String name) {
        assertThat(Names.name(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "My-Api", "my_api", "-api", "api-", "my--api", "1api", "my.api", "my api", "ä",
            "x1234567890123456789012345678901234567890123456789012345678901234"})
    void rejectsNamesOutsideTheCharset(String name) {
        assertThatThrownBy(() -> Names.name(name)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void networkNamesFitTheFifteenCharacterBridgeName() {
        assertThat(Names.network("backend")).isEqualTo("backend");
        assertThat(Names.bridgeOf(Names.network("abcdefghij"))).hasSize(15);
        assertThat(Names.network("niso-default")).isEqualTo("default");
        assertThat(Names.bridgeOf(Names.network("default"))).isEqualTo("niso-default");
        assertThatThrownBy(() -> Names.network("abcdefghijk")).hasMessageContaining("at most 10 characters");
    }

    @Test
    void envCredentialAndLabelNames() {
        assertThat(Names.isEnvName("DATABASE_URL")).isTrue();
        assertThat(Names.isEnvName("_x1")).isTrue();
        assertThat(Names.isEnvName("1X")).isFalse();
        assertThat(Names.isEnvName("A-B")).isFalse();
        assertThat(Names.credential("db-password.txt")).isEqualTo("db-password.txt");
        assertThatThrownBy(() -> Names.credential("../x")).isInstanceOf(InvalidValueException.class);
        assertThat(Names.labelKey("niso.proxy.port")).isEqualTo("niso.proxy.port");
        assertThatThrownBy(() -> Names.labelKey("bad key")).isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0", "16", "1.2.3-rc.1", "0.0.1", "2024.1.15", "1.0.0-alpha"})
    void acceptsVersions(String v) {
        assertThat(Version.parse(v).text()).isEqualTo(v);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v1.0", "1.", ".1", "1..0", "1.0.0-", "1.0.0+build", "latest", "1.0/2", "1.0.0-rc..1", "../1"})
    void rejectsVersions(String v) {
        assertThatThrownBy(() -> Version.parse(v)).isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("expected a version like 1.0.0");
    }

    @Test
    void ordersVersionsLikeSemver() {
        List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta.2",
                "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2", "1.10.0", "2", "16");
        List<Version> shuffled = new ArrayList<>(ordered.stream().map(Version::parse).toList());
        Collections.shuffle(shuffled, new Random(42));
        Collections.sort(shuffled);
        assertThat(shuffled).extracting(Version::text).containsExactlyElementsOf(ordered);
        assertThat(Version.parse("16").compareTo(Version.parse("16.0"))).as("consistent with equals").isNotZero();
    }

    @ParameterizedTest
    @CsvSource({"my-api:1.0.0,my-api,1.0.0", "postgres:16,postgres,16", "nodejs:20,nodejs,20"})
    void parsesPackageRefs(String text, String name, String version) {
        PackageRef r = PackageRef.parse(text);
        assertThat(r.name()).isEqualTo(name);
        assertThat(r.version()).isEqualTo(Version.parse(version));
        assertThat(r).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"my-api", "my-api:", ":1.0", "My-Api:1.0", "my-api:1.0:2", "my-api:latest", "@u/x:1"})
    void rejectsUnpinnedOrMalformedRefs(String text) {
        assertThatThrownBy(() -> PackageRef.parse(text)).isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("expected a package reference like my-api:1.0.0");
    }

    @ParameterizedTest
    @CsvSource({"/data,/data", "/data/,/data", "//a//b/./c,/a/b/c", "/,/"})
    void normalisesAbsolutePaths(String in, String out) {
        assertThat(PathRules.absolute(in)).isEqualTo(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"data", "", "/a/../b", "/..", "./x", "/a\nb"})
    void rejectsRelativeOrEscapingAbsolutePaths(String in) {
        assertThatThrownBy(() -> PathRules.absolute(in)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void packagePathsStayInsideThePackage() {
        assertThat(PathRules.insidePackage("scripts/./migrate.sh")).isEqualTo("scripts/migrate.sh");
        assertThatThrownBy(() -> PathRules.insidePackage("/etc/passwd")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> PathRules.insidePackage("a/../../b")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> PathRules.insidePackage(".")).isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @CsvSource({"NET_BIND_SERVICE,CAP_NET_BIND_SERVICE", "cap_net_raw,CAP_NET_RAW", "CAP_SYS_ADMIN,CAP_SYS_ADMIN",
            "bpf,CAP_BPF"})
    void parsesCapabilities(String in, String out) {
        assertThat(Capabilities.parse(in)).isEqualTo(out);
    }

    @Test
    void suggestsTheClosestCapability() {
        assertThatThrownBy(() -> Capabilities.parse("NET_BIND_SERVIC")).hasMessageEndingWith("(did you mean \"NET_BIND_SERVICE\"?)");
        assertThatThrownBy(() -> Capabilities.parse("EVERYTHING")).hasMessageNotContaining("did you mean");
    }

    @Test
    void ulimitsRenderForSystemdAndRefuseSoftAboveHard() {
        assertThat(new Ulimit(1024, 1024).toSystemd()).isEqualTo("1024");
        assertThat(new Ulimit(1024, Ulimit.INFINITY).toSystemd()).isEqualTo("1024:infinity");
        assertThat(Ulimit.parseLimit("infinity")).isEqualTo(Ulimit.INFINITY);
        assertThatThrownBy(() -> Ulimit.parseLimit("unlimited")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Ulimit(2, 1)).hasMessage("soft limit (2) must not exceed hard limit (1)");
    }

    @Test
    void labelSelectorsMatchAllTerms() {
        LabelSelector s = LabelSelector.parse("role=web, region!=us");
        assertThat(s.matches(Map.of("role", "web", "region", "eu"))).isTrue();
        assertThat(s.matches(Map.of("role", "web"))).as("!= matches a missing label").isTrue();
        assertThat(s.matches(Map.of("role", "web", "region", "us"))).isFalse();
        assertThat(s.matches(Map.of("role", "db"))).isFalse();
        assertThat(s).hasToString("role=web,region!=us");
        for (String bad : List.of("", "role", "role==web", "role=", ",", "role=web,", "=web", "role=a b")) {
            assertThatThrownBy(() -> LabelSelector.parse(bad)).as(bad).isInstanceOf(InvalidValueException.class);
        }
    }

    @Test
    void countsAndPercentagesPickAtLeastOneHost() {
        assertThat(CountOrPercent.parsePercent("25%").of(10)).isEqualTo(3);
        assertThat(CountOrPercent.parsePercent("25%").of(1)).isEqualTo(1);
        assertThat(CountOrPercent.count(5).of(3)).isEqualTo(3);
        assertThat(CountOrPercent.count(2).of(0)).isZero();
        for (String bad : List.of("0%", "101%", "25", "%", "2.5%")) {
            assertThatThrownBy(() -> CountOrPercent.parsePercent(bad)).as(bad).isInstanceOf(InvalidValueException.class);
        }
    }

    @Test
    void didYouMeanOnlySuggestsPlausibleTypos() {
        assertThat(Texts.closest("memroy_max", List.of("memory_max", "memory_high"))).contains("memory_max");
        assertThat(Texts.closest("zzz", List.of("memory_max", "name"))).isEmpty();
        assertThat(Texts.quote("a\"b\n\u0000")).isEqualTo("\"a\\\"b\\n\\u0000\"");
    }
}
