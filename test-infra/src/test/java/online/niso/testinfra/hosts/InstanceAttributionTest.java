package online.niso.testinfra.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InstanceAttributionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "nthj1abbr (bridge)|j1ab",
        "nthj1abv12|j1ab",
        "/var/tmp/niso-testhosts/demo/hosts/th1/netns nsfs nsfs net:[4026532]|demo",
        "/niso-testhosts/jq2z/th3/guest/init.scope|jq2z",
        "bash /tmp/niso-testhosts-bin123/testhosts --instance k7ab up 2 --owner 99|k7ab",
        "0::/niso-testhosts/demo/th1/sup|demo",
    })
    void findsTheInstanceInEveryKindOfName(String text, String id) {
        assertThat(InstanceAttribution.instanceOf(text)).contains(id);
    }

    @ParameterizedTest
    @CsvSource({"eth0", "nthing", "/var/tmp/other/thing", "/niso-testhosts"})
    void namesWithoutAnInstanceAreNotAttributed(String text) {
        assertThat(InstanceAttribution.instanceOf(text)).isEmpty();
    }

    @Test
    void runsOfLiveOtherOwnersAndOfPeopleAreOthersButOursAndCrashedOnesAreNot(@TempDir Path root) throws Exception {
        long self = ProcessHandle.current().pid();
        long otherLive = ProcessHandle.current().parent().orElseThrow().pid(); // alive, not us, not our child
        write(root, "mine", "SUBNET=1\nOWNER=" + self + "\n");
        write(root, "othr", "SUBNET=2\nOWNER=" + otherLive + "\n");
        write(root, "demo", "SUBNET=3\n");
        write(root, "dead", "SUBNET=4\nOWNER=2147483646\n");
        Files.createDirectories(root.resolve("half")); // no state: a leftover
        assertThat(InstanceAttribution.othersRunning(root, self)).containsExactly("demo", "othr");
    }

    private static void write(Path root, String id, String env) throws Exception {
        Files.createDirectories(root.resolve(id));
        Files.writeString(root.resolve(id).resolve("instance.env"), env);
    }
}
