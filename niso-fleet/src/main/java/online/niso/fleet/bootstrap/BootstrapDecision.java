package online.niso.fleet.bootstrap;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import online.niso.common.cmd.CmdResult;

/** Pure: what bootstrap does with one host, from its `java -version` and `niso --version` answers. */
public sealed interface BootstrapDecision {
    int MIN_JAVA = 17;

    record Skip(String reason) implements BootstrapDecision {}

    record Install(String reason) implements BootstrapDecision {}

    /** The host lacks something niso-fleet cannot install for it. */
    record Missing(String what) implements BootstrapDecision {}

    static BootstrapDecision decide(CmdResult java, CmdResult niso, String distVersion) {
        Optional<Integer> major = javaMajor(java);
        if (major.isEmpty()) {
            return new Missing("no Java runtime on the PATH: install a JRE " + MIN_JAVA + "+ (Debian: openjdk-17-jre-headless)");
        }
        if (major.get() < MIN_JAVA) {
            return new Missing("Java " + major.get() + " found; niso needs Java " + MIN_JAVA + "+ (Debian: openjdk-17-jre-headless)");
        }
        Optional<String> installed = nisoVersion(niso);
        if (installed.isEmpty()) {
            return new Install("niso is not installed");
        }
        if (installed.get().equals(distVersion)) {
            return new Skip("niso " + distVersion + " already installed");
        }
        return new Install("niso " + installed.get() + " installed, want " + distVersion);
    }

    Pattern JAVA = Pattern.compile("version \"(\\d+)(?:\\.(\\d+))?");

    /** "openjdk version \"17.0.13\"" → 17; "java version \"1.8.0_392\"" → 8. java -version prints on stderr. */
    static Optional<Integer> javaMajor(CmdResult r) {
        if (!r.ok()) {
            return Optional.empty();
        }
        Matcher m = JAVA.matcher(r.stderr() + "\n" + r.stdout());
        if (!m.find()) {
            return Optional.empty();
        }
        int first = Integer.parseInt(m.group(1));
        return Optional.of(first == 1 && m.group(2) != null ? Integer.parseInt(m.group(2)) : first);
    }

    /** "niso 0.1.0-SNAPSHOT" → "0.1.0-SNAPSHOT". */
    static Optional<String> nisoVersion(CmdResult r) {
        if (!r.ok()) {
            return Optional.empty();
        }
        String[] words = r.stdout().strip().split("\\s+");
        return words.length >= 2 && words[0].equals("niso") ? Optional.of(words[1]) : Optional.empty();
    }
}
