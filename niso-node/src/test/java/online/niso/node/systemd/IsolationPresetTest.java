package online.niso.node.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import online.niso.common.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Presets and field-level overrides, asserted directive by directive. */
class IsolationPresetTest {
    /** The docs' server list (niso-docs.md §7), PrivateTmp= aside (always set with the rootfs). */
    static final Map<String, String> DOCS_SERVER = new LinkedHashMap<>();

    static {
        for (String line : new String[] {"DynamicUser=yes", "PrivateTmp=yes", "PrivateDevices=yes", "PrivateIPC=yes",
                "ProtectSystem=strict", "ProtectHome=yes", "ProtectProc=invisible", "ProcSubset=pid",
                "ProtectKernelTunables=yes", "ProtectKernelModules=yes", "ProtectKernelLogs=yes",
                "ProtectControlGroups=yes", "ProtectHostname=yes", "ProtectClock=yes", "RestrictNamespaces=yes",
                "RestrictRealtime=yes", "RestrictSUIDSGID=yes", "NoNewPrivileges=yes", "CapabilityBoundingSet=",
                "AmbientCapabilities=", "SystemCallFilter=@system-service", "SystemCallErrorNumber=EPERM",
                "LockPersonality=yes", "MemoryDenyWriteExecute=yes"}) {
            int eq = line.indexOf('=');
            DOCS_SERVER.put(line.substring(0, eq), line.substring(eq + 1));
        }
    }

    static Section service(IsolationPreset preset, Isolation.Security security, boolean jit) {
        return UnitGeneratorTest.service(UnitGeneratorTest.spec().jitRuntime(jit)
                .isolation(Isolation.of(preset).with(security)).build());
    }

    static Section service(IsolationPreset preset) {
        return service(preset, Isolation.Security.none(), false);
    }

    @Test
    void serverContainsEveryDirectiveOfTheDocsList() {
        Section s = service(IsolationPreset.SERVER);
        DOCS_SERVER.forEach((k, v) -> assertThat(s.values(k)).as(k).containsExactly(v));
    }

    @ParameterizedTest
    @EnumSource(value = IsolationPreset.class, names = {"SERVER", "STRICT", "WORKER", "DATABASE"})
    void hardenedPresetsKeepTheServerListApartFromDocumentedDifferences(IsolationPreset preset) {
        Section s = service(preset);
        DOCS_SERVER.forEach((k, v) -> assertThat(s.values(k)).as(k).contains(v));
        assertThat(preset.dynamicUser()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = IsolationPreset.class, names = {"SERVER", "STRICT", "WORKER", "DATABASE", "MINIMAL", "NONE"})
    void jitRuntimesNeverGetMemoryDenyWriteExecute(IsolationPreset preset) {
        assertThat(service(preset, Isolation.Security.none(), true).has("MemoryDenyWriteExecute")).isFalse();
    }

    @Test
    void nonePresetAddsNoHardening() {
        Section s = service(IsolationPreset.NONE);
        for (String k : DOCS_SERVER.keySet()) {
            if (!k.equals("PrivateTmp")) {
                assertThat(s.has(k)).as(k).isFalse();
            }
        }
        assertThat(s.get("PrivateTmp")).contains("yes");
    }

    @Test
    void minimalRunsAsRootWithDockersDefaultCapabilitiesAndDefaultSeccomp() {
        Section s = service(IsolationPreset.MINIMAL);
        assertThat(s.has("DynamicUser")).isFalse();
        assertThat(s.get("CapabilityBoundingSet")).contains("CAP_AUDIT_WRITE CAP_CHOWN CAP_DAC_OVERRIDE CAP_FOWNER"
                + " CAP_FSETID CAP_KILL CAP_MKNOD CAP_NET_BIND_SERVICE CAP_NET_RAW CAP_SETFCAP CAP_SETGID CAP_SETPCAP"
                + " CAP_SETUID CAP_SYS_CHROOT");
        assertThat(s.values("SystemCallFilter")).containsExactly("@system-service");
        assertThat(s.has("NoNewPrivileges")).isFalse();
        assertThat(s.has("AmbientCapabilities")).isFalse();
        assertThat(s.get("PrivateDevices")).contains("yes");
    }

    @Test
    void strictAddsUserNamespaceUmaskAndStrictSeccomp() {
        Section s = service(IsolationPreset.STRICT);
        assertThat(s.get("PrivateUsers")).contains("yes");
        assertThat(s.get("PrivateMounts")).contains("yes");
        assertThat(s.get("UMask")).contains("0077");
        assertThat(s.values("SystemCallFilter")).containsExactly("@system-service", "~@privileged @resources");
        assertThat(s.get("SystemCallArchitectures")).contains("native");
        assertThat(s.get("RestrictAddressFamilies")).contains("AF_UNIX AF_INET AF_INET6");
    }

    @Test
    void workerAndDatabaseTuning() {
        assertThat(service(IsolationPreset.WORKER).get("CPUWeight")).contains("50");
        assertThat(service(IsolationPreset.WORKER).get("IOWeight")).contains("50");
        assertThat(service(IsolationPreset.DATABASE).get("LimitNOFILE")).contains("65536:65536");
        assertThat(service(IsolationPreset.DATABASE).get("IOWeight")).contains("200");
        assertThat(service(IsolationPreset.SERVER).has("IOWeight")).isFalse();
    }

    @Test
    void capabilitiesAddGoesIntoBoundingAndAmbientSets() {
        Section s = service(IsolationPreset.SERVER, Isolation.Security.none().add("NET_BIND_SERVICE", "cap_chown"), false);
        assertThat(s.get("CapabilityBoundingSet")).contains("CAP_CHOWN CAP_NET_BIND_SERVICE");
        assertThat(s.get("AmbientCapabilities")).contains("CAP_CHOWN CAP_NET_BIND_SERVICE");
    }

    @Test
    void capabilitiesDropWinsOverAdd() {
        Section s = service(IsolationPreset.SERVER,
                Isolation.Security.none().add("NET_BIND_SERVICE", "NET_RAW").drop("NET_RAW"), false);
        assertThat(s.get("CapabilityBoundingSet")).contains("CAP_NET_BIND_SERVICE");
        assertThat(s.get("AmbientCapabilities")).contains("CAP_NET_BIND_SERVICE");
    }

    @Test
    void capabilitiesDropNarrowsMinimalAndNone() {
        assertThat(service(IsolationPreset.MINIMAL, Isolation.Security.none().drop("NET_RAW", "MKNOD"), false)
                .get("CapabilityBoundingSet").orElseThrow()).doesNotContain("CAP_NET_RAW", "CAP_MKNOD")
                .contains("CAP_CHOWN");
        assertThat(service(IsolationPreset.NONE, Isolation.Security.none().drop("SYS_ADMIN", "NET_RAW"), false)
                .get("CapabilityBoundingSet")).contains("~CAP_NET_RAW CAP_SYS_ADMIN");
        assertThat(service(IsolationPreset.MINIMAL, Isolation.Security.none().drop("ALL"), false)
                .get("CapabilityBoundingSet")).contains("");
        assertThat(service(IsolationPreset.NONE).has("CapabilityBoundingSet")).isFalse();
    }

    @Test
    void unknownCapabilitiesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> service(IsolationPreset.SERVER, Isolation.Security.none().add("FLY"), false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("isolation.security.capabilities_add: unknown capability \"FLY\"");
        assertThatThrownBy(() -> service(IsolationPreset.SERVER, Isolation.Security.none().drop("CAP_X"), false))
                .hasMessageStartingWith("isolation.security.capabilities_drop: ");
    }

    @Test
    void seccompOverrideReplacesThePresetProfile() {
        assertThat(service(IsolationPreset.SERVER, Isolation.Security.none().seccomp(Isolation.Seccomp.STRICT), false)
                .values("SystemCallFilter")).containsExactly("@system-service", "~@privileged @resources");
        Section strictDefault = service(IsolationPreset.STRICT,
                Isolation.Security.none().seccomp(Isolation.Seccomp.DEFAULT), false);
        assertThat(strictDefault.values("SystemCallFilter")).containsExactly("@system-service");
        assertThat(strictDefault.has("SystemCallArchitectures")).isFalse();
        assertThat(service(IsolationPreset.NONE).has("SystemCallFilter")).isFalse();
        assertThat(service(IsolationPreset.NONE, Isolation.Security.none().seccomp(Isolation.Seccomp.DEFAULT), false)
                .values("SystemCallFilter")).containsExactly("@system-service");
    }

    @Test
    void noNewPrivilegesOverride() {
        assertThat(service(IsolationPreset.SERVER, Isolation.Security.none().noNewPrivileges(false), false)
                .get("NoNewPrivileges")).contains("no");
        assertThat(service(IsolationPreset.MINIMAL, Isolation.Security.none().noNewPrivileges(true), false)
                .get("NoNewPrivileges")).contains("yes");
    }

    static Section withResources(IsolationPreset preset, Isolation.Resources r) {
        return UnitGeneratorTest.service(UnitGeneratorTest.spec().isolation(Isolation.of(preset).with(r)).build());
    }

    @Test
    void resourcesBecomeCgroupAndRlimitDirectives() {
        Section s = withResources(IsolationPreset.SERVER, Isolation.Resources.none().memoryMax(512L << 20)
                .memoryHigh(384L << 20).cpuPercent(200).pidsLimit(4096).ioWeight(100)
                .ulimit("nofile", 1024, 65536).ulimit("core", 0, Isolation.Ulimit.INFINITY));
        assertThat(s.get("MemoryMax")).contains("536870912");
        assertThat(s.get("MemoryHigh")).contains("402653184");
        assertThat(s.get("CPUQuota")).contains("200%");
        assertThat(s.get("TasksMax")).contains("4096");
        assertThat(s.get("IOWeight")).contains("100");
        assertThat(s.get("LimitNOFILE")).contains("1024:65536");
        assertThat(s.get("LimitCORE")).contains("0:infinity");
    }

    @Test
    void resourceOverridesReplacePresetValues() {
        Section s = withResources(IsolationPreset.DATABASE, Isolation.Resources.none().ioWeight(900)
                .ulimit("nofile", 4096, 4096));
        assertThat(s.values("IOWeight")).containsExactly("900");
        assertThat(s.values("LimitNOFILE")).containsExactly("4096:4096");
    }

    @Test
    void invalidResourcesAreRefusedNamingTheField() {
        Isolation.Resources none = Isolation.Resources.none();
        assertThatThrownBy(() -> withResources(IsolationPreset.SERVER, none.memoryMax(100).memoryHigh(200)))
                .hasMessageStartingWith("isolation.resources: memory_high");
        assertThatThrownBy(() -> withResources(IsolationPreset.SERVER, none.cpuPercent(0)))
                .hasMessageStartingWith("isolation.resources.cpu_max: ");
        assertThatThrownBy(() -> withResources(IsolationPreset.SERVER, none.ioWeight(10001)))
                .hasMessageStartingWith("isolation.resources.io_weight: ");
        assertThatThrownBy(() -> withResources(IsolationPreset.SERVER, none.pidsLimit(0)))
                .hasMessageStartingWith("isolation.resources.pids_limit: ");
        assertThatThrownBy(() -> withResources(IsolationPreset.SERVER, none.memoryMax(-1)))
                .hasMessageStartingWith("isolation.resources.memory_max: ");
        assertThatThrownBy(() -> withResources(IsolationPreset.SERVER, none.shmSize(0)))
                .hasMessageStartingWith("isolation.resources.shm_size: ");
        assertThatThrownBy(() -> withResources(IsolationPreset.SERVER, none.ulimit("files", 1, 1)))
                .hasMessageStartingWith("isolation.resources.ulimits: unknown limit \"files\"");
        assertThatThrownBy(() -> withResources(IsolationPreset.SERVER, none.ulimit("nofile", 10, 5)))
                .hasMessageStartingWith("isolation.resources.ulimits.nofile: soft limit (10)");
        assertThatThrownBy(() -> withResources(IsolationPreset.SERVER,
                none.ulimit("nofile", Isolation.Ulimit.INFINITY, 5))).hasMessageContaining("soft limit (infinity)");
    }

    @Test
    void presetNamesParseAndUnknownOnesListTheChoices() {
        assertThat(IsolationPreset.parse("isolation.preset", "database")).isEqualTo(IsolationPreset.DATABASE);
        assertThatThrownBy(() -> IsolationPreset.parse("isolation.preset", "paranoid"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("isolation.preset: expected one of none, minimal, server, strict, worker, database,"
                        + " got \"paranoid\"");
    }
}
