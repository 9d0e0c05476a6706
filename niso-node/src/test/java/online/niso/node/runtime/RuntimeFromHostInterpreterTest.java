package online.niso.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import online.niso.common.cmd.Cmd;
import online.niso.common.cmd.CmdResult;
import online.niso.common.cmd.LocalProcessRunner;
import online.niso.node.store.NodePaths;
import online.niso.testinfra.junit.RequiresRealHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the runtime closure is complete: the interpreter runs inside a root that contains nothing but
 * the runtime's /usr (bind-mounted, as activation does) and the merged-/usr symlinks.
 */
@RequiresRealHosts(tools = {"unshare", "chroot", "mount", "ldd", "python3"})
class RuntimeFromHostInterpreterTest {

    @TempDir Path root;

    @Test
    void debiansPython3RunsInARootWithOnlyItsRuntime() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        RuntimeStore store = new RuntimeStore(NodePaths.of(root.resolve("host")), Clock.systemUTC());
        RuntimeCollector collector = new RuntimeCollector(new LocalProcessRunner());
        var files = collector.collect(python, List.of());
        var added = store.add(new RuntimeRef("python3", "3.11"), python, files, false,
                staging -> collector.precompile(python, staging));
        assertThat(added.files()).isGreaterThan(100);

        Path rootfs = mergedUsrRoot();
        Path runtimeUsr = store.runtimeDir(new RuntimeRef("python3", "3.11")).resolve("usr");
        String script = "mount --bind " + Cmd.quote(runtimeUsr.toString()) + " " + Cmd.quote(rootfs + "/usr")
                + " && chroot " + Cmd.quote(rootfs.toString()) + " /usr/bin/python3 -c "
                + Cmd.quote("import json, hashlib, socket, ssl, sqlite3, http.server; print(json.dumps({'ok': 1}))");
        CmdResult r = new LocalProcessRunner().run(Cmd.of("unshare", "--mount", "--propagation", "private",
                "sh", "-c", script), Duration.ofSeconds(60));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout().strip()).isEqualTo("{\"ok\": 1}");
    }

    /**
     * The runtime is read-only in a service, so Python cannot cache what it compiles: the standard library is
     * byte-compiled when the runtime is made. {@code python -v} says where each module's code object came from;
     * the recorded source path is the one inside the service, not the staging directory's.
     */
    @Test
    void python3ImportsItsStandardLibraryPrecompiledFromAReadOnlyRuntime() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        RuntimeStore store = new RuntimeStore(NodePaths.of(root.resolve("host")), Clock.systemUTC());
        RuntimeCollector collector = new RuntimeCollector(new LocalProcessRunner());
        store.add(new RuntimeRef("python3", "3.11"), python, collector.collect(python, List.of()), false,
                staging -> collector.precompile(python, staging));
        Path rootfs = mergedUsrRoot();
        Path runtimeUsr = store.runtimeDir(new RuntimeRef("python3", "3.11")).resolve("usr");
        String script = "mount --bind -o ro " + Cmd.quote(runtimeUsr.toString()) + " " + Cmd.quote(rootfs + "/usr")
                + " && mount -o remount,bind,ro " + Cmd.quote(rootfs + "/usr")
                + " && chroot " + Cmd.quote(rootfs.toString()) + " /usr/bin/python3 -v -c "
                + Cmd.quote("import http.server, json; print(http.server.test.__code__.co_filename)");
        CmdResult r = new LocalProcessRunner().run(Cmd.of("unshare", "--mount", "--propagation", "private",
                "sh", "-c", script), Duration.ofSeconds(60));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        String stdlib = r.stdout().strip().replaceAll("/http/server\\.py$", "");
        assertThat(stdlib).as("source path recorded in the .pyc").matches("/usr/lib/python3\\.\\d+");
        assertThat(r.stderr()).as(r.stderr())
                .contains("code object from '" + stdlib + "/http/__pycache__/server.cpython-")
                .contains("code object from '" + stdlib + "/json/__pycache__/__init__.cpython-")
                .doesNotContain("could not create")
                .doesNotContain("# wrote ");
    }

    @Test
    void nodeRunsInARootWithOnlyItsRuntime() throws Exception {
        Path node = Path.of("/usr/bin/node");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(node) || Boolean.getBoolean(
                "niso.requireRealHosts"), "no /usr/bin/node");
        RuntimeStore store = new RuntimeStore(NodePaths.of(root.resolve("host")), Clock.systemUTC());
        RuntimeCollector collector = new RuntimeCollector(new LocalProcessRunner());
        var files = collector.collect(node, List.of());
        store.add(new RuntimeRef("nodejs", "20"), node, files, false, staging -> collector.precompile(node, staging));
        Path rootfs = mergedUsrRoot();
        Path runtimeUsr = store.runtimeDir(new RuntimeRef("nodejs", "20")).resolve("usr");
        String script = "mount --bind " + Cmd.quote(runtimeUsr.toString()) + " " + Cmd.quote(rootfs + "/usr")
                + " && chroot " + Cmd.quote(rootfs.toString()) + " /usr/bin/node -e "
                + Cmd.quote("console.log(JSON.stringify({ok: require('crypto').createHash('sha256').update('x').digest('hex').length}))");
        CmdResult r = new LocalProcessRunner().run(Cmd.of("unshare", "--mount", "--propagation", "private",
                "sh", "-c", script), Duration.ofSeconds(60));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout().strip()).isEqualTo("{\"ok\":64}");
    }

    /** An empty root with only the merged-/usr symlinks, as a service rootfs that uses a runtime has. */
    private Path mergedUsrRoot() throws java.io.IOException {
        Path rootfs = root.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("usr"));
        for (String link : List.of("bin", "lib", "lib64", "sbin")) {
            Files.createSymbolicLink(rootfs.resolve(link), Path.of("usr/" + link));
        }
        return rootfs;
    }
}
