package online.niso.fleet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import online.niso.common.cmd.Cmd;
import online.niso.common.cmd.CmdResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BootstrapDecisionTest {
    static CmdResult java(String stderr) {
        return new CmdResult(Cmd.of("java", "-version"), 0, "", stderr);
    }

    static CmdResult niso(int exit, String stdout) {
        return new CmdResult(Cmd.of("niso", "--version"), exit, stdout, "");
    }

    static final CmdResult JAVA17 = java("openjdk version \"17.0.13\" 2024-10-15\nOpenJDK Runtime Environment");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "openjdk version \"17.0.13\" 2024-10-15|17",
        "openjdk version \"21\" 2023-09-19|21",
        "java version \"1.8.0_392\"|8",
        "openjdk version \"11.0.22\" 2024-01-16|11"})
    void javaMajorVersions(String stderr, int major) {
        assertThat(BootstrapDecision.javaMajor(java(stderr))).contains(major);
    }

    @Test
    void noJavaIsReportedAsMissingWithWhatToInstall() {
        BootstrapDecision d = BootstrapDecision.decide(new CmdResult(Cmd.of("java"), 127, "", "sh: java: not found"),
                niso(127, ""), "0.1.0");
        assertThat(d).isEqualTo(new BootstrapDecision.Missing(
                "no Java runtime on the PATH: install a JRE 17+ (Debian: openjdk-17-jre-headless)"));
    }

    @Test
    void anOldJavaIsMissingToo() {
        assertThat(BootstrapDecision.decide(java("openjdk version \"11.0.22\""), niso(127, ""), "0.1.0"))
                .isInstanceOf(BootstrapDecision.Missing.class);
    }

    @Test
    void installsWhenAbsentOrDifferentAndSkipsWhenEqual() {
        assertThat(BootstrapDecision.decide(JAVA17, niso(127, ""), "0.1.0")).isEqualTo(new BootstrapDecision.Install("niso is not installed"));
        assertThat(BootstrapDecision.decide(JAVA17, niso(0, "niso 0.0.9\n"), "0.1.0"))
                .isEqualTo(new BootstrapDecision.Install("niso 0.0.9 installed, want 0.1.0"));
        assertThat(BootstrapDecision.decide(JAVA17, niso(0, "niso 0.1.0\n"), "0.1.0")).isInstanceOf(BootstrapDecision.Skip.class);
    }

    @Test
    void installStepsUnpackAsideMakeTheArchivePublishByRenameAndCleanUp() {
        assertThat(BootstrapCommands.install("0.1.0").stream().map(Cmd::render).toList()).containsExactly(
                "mkdir -p -m 0700 /var/lib/niso/incoming",
                "rm -rf -- /opt/niso/0.1.0.partial",
                "mkdir -p -m 0755 /opt/niso/0.1.0.partial",
                "tar -xzf /var/lib/niso/incoming/niso-dist-0.1.0.tar.gz -C /opt/niso/0.1.0.partial --no-same-owner",
                "rm -rf -- /opt/niso/0.1.0",
                "mv -T -- /opt/niso/0.1.0.partial /opt/niso/0.1.0",
                // its class-data-sharing archive, before the first run would start one in the background
                "sh -c 'if [ -f \"$1/lib/make-cds.sh\" ]; then sh \"$1/lib/make-cds.sh\" \"$1\" --archive-only; fi' sh /opt/niso/0.1.0",
                "ln -sfn /opt/niso/0.1.0/bin/niso /usr/local/bin/niso.new",
                "mv -T -- /usr/local/bin/niso.new /usr/local/bin/niso",
                "rm -f -- /var/lib/niso/incoming/niso-dist-0.1.0.tar.gz");
    }
}
