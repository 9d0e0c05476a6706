package online.niso.node.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import online.niso.testinfra.junit.RequiresRealHosts;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real systemd 252 reads niso's escaping back as the original strings.
 *
 * <p>PID 1 is not systemd on the build machines, so nothing can be started here; instead this
 * runs {@code /lib/systemd/systemd --test --system}, which loads units with the manager's own
 * parsers and dumps them (argv as stored before exec-time {@code $$} expansion, and the
 * Environment= list). systemd refuses test mode as root, so it runs as uid 65534.
 */
@RequiresRealHosts(tools = {"setpriv", "systemd-analyze"})
class SystemdParsesEscapingTest {
    private static final Path SYSTEMD = Path.of("/lib/systemd/systemd");

    @TempDir
    Path tmp;

    static LongStream seeds() {
        return LongStream.range(0, 20);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void systemdReadsEscapedArgumentsAndEnvironmentBackExactly(long seed) throws Exception {
        Random r = new Random(seed);
        List<String> args = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            args.add(RandomStrings.anyRepresentable(r, 20, true));
        }
        Map<String, String> env = new TreeMap<>();
        for (int i = 0; i < 10; i++) {
            env.put(RandomStrings.envName(r) + i, RandomStrings.anyRepresentable(r, 20, false));
        }
        String unitName = "niso-escape-" + seed + ".service";
        List<Entry> service = new ArrayList<>();
        service.add(new Entry("ExecStart", SystemdEscaping.commandLine("binary", "/bin/true", args)));
        env.forEach((k, v) -> service.add(new Entry("Environment", SystemdEscaping.environmentAssignment("env", k, v))));
        String text = UnitFileRenderer.render(new UnitFile(unitName, List.of(
                new Section("Unit", List.of(new Entry("Description", "escaping probe"))),
                new Section("Service", service))));

        Dump dump = dumpWithSystemd(unitName, text);

        assertThat(dump.stderr).as("systemd warnings about the unit").doesNotContain(unitName);
        List<String> argv = decodeDumpedCommandLine(dump.commandLine);
        List<String> expanded = new ArrayList<>();
        argv.forEach(a -> expanded.add(a.replace("$$", "\u0000").replace("\u0000", "$")));
        assertThat(expanded.get(0)).isEqualTo("/bin/true");
        assertThat(expanded.subList(1, expanded.size())).as("unit text:%n%s", text).isEqualTo(args);
        List<String> expectedEnv = new ArrayList<>();
        env.forEach((k, v) -> expectedEnv.add(k + "=" + v));
        assertThat(dump.environment).as("unit text:%n%s", text).containsExactlyInAnyOrderElementsOf(expectedEnv);
    }

    private record Dump(String commandLine, List<String> environment, String stderr) {}

    private Dump dumpWithSystemd(String unitName, String text) throws IOException, InterruptedException {
        assertThat(SYSTEMD).as("systemd binary").isExecutable();
        Path dir = Files.createDirectory(tmp.resolve("units"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path unit = dir.resolve(unitName);
        Files.writeString(unit, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(unit, PosixFilePermissions.fromString("rw-r--r--"));

        ProcessBuilder pb = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                SYSTEMD.toString(), "--test", "--system", "--unit=" + unitName, "--no-pager");
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        pb.environment().put("HOME", "/");
        // Trailing ':' appends systemd's default unit path, so sysinit.target etc. resolve.
        pb.environment().put("SYSTEMD_UNIT_PATH", dir + ":");
        pb.directory(tmp.toFile());
        Path out = tmp.resolve("stdout");
        Path err = tmp.resolve("stderr");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("systemd --test did not finish within 60 s");
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("systemd --test exit code; stderr:%n%s", stderr).isZero();

        String commandLine = null;
        List<String> environment = new ArrayList<>();
        boolean inUnit = false;
        for (String line : stdout.split("\n", -1)) {
            if (line.startsWith("\t-> Unit ")) {
                inUnit = line.equals("\t-> Unit " + unitName + ":");
            } else if (inUnit && line.startsWith("\t\tEnvironment: ")) {
                environment.add(line.substring("\t\tEnvironment: ".length()));
            } else if (inUnit && line.startsWith("\t\t\tCommand Line: ")) {
                commandLine = line.substring("\t\t\tCommand Line: ".length());
            }
        }
        assertThat(commandLine).as("ExecStart in the dump of %s", unitName).isNotNull();
        return new Dump(commandLine, environment, stderr);
    }

    /** systemd prints argv with shell_maybe_quote(): double quotes, \ before "\`$, C escapes for controls. */
    static List<String> decodeDumpedCommandLine(String s) {
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < in.length) {
            while (i < in.length && in[i] == ' ') {
                i++;
            }
            if (i >= in.length) {
                break;
            }
            ByteArrayOutputStream w = new ByteArrayOutputStream();
            boolean quoted = false;
            while (i < in.length && (quoted || in[i] != ' ')) {
                byte c = in[i++];
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == '\\') {
                    byte e = in[i++];
                    switch (e) {
                        case 'a' -> w.write(7);
                        case 'b' -> w.write(8);
                        case 'f' -> w.write(12);
                        case 'n' -> w.write(10);
                        case 'r' -> w.write(13);
                        case 't' -> w.write(9);
                        case 'v' -> w.write(11);
                        case 'x' -> {
                            w.write(Integer.parseInt(new String(in, i, 2, StandardCharsets.US_ASCII), 16));
                            i += 2;
                        }
                        default -> {
                            if (e >= '0' && e <= '7') {
                                w.write(Integer.parseInt(new String(in, i - 1, 3, StandardCharsets.US_ASCII), 8));
                                i += 2;
                            } else {
                                w.write(e);
                            }
                        }
                    }
                } else {
                    w.write(c);
                }
            }
            words.add(w.toString(StandardCharsets.UTF_8));
        }
        return words;
    }
}
