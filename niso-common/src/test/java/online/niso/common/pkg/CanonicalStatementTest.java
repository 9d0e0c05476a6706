package online.niso.common.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalStatementTest {
    private static final String H = "0".repeat(64);

    @Test
    void rendersSortedLinesWithHeader() {
        byte[] s = CanonicalStatement.render(List.of(
                new MemberRecord("manifest.toml", EntryType.FILE, 0644, 10, H, null),
                new MemberRecord("bin", EntryType.DIRECTORY, 0755, 0, null, null),
                new MemberRecord("bin/x", EntryType.FILE, 0755, 3, H, null),
                new MemberRecord("bin/l", EntryType.SYMLINK, 0777, 0, null, "x")));
        assertThat(new String(s, StandardCharsets.UTF_8)).isEqualTo(
                "niso-package-statement 1\n"
                + "d 0755 0 - bin\n"
                + "l 0777 0 - bin/l x\n"
                + "f 0755 3 " + H + " bin/x\n"
                + "f 0644 10 " + H + " manifest.toml\n");
    }

    @Test
    void escapesSpacesNewlinesPercentAndNonAscii() {
        assertThat(CanonicalStatement.escape("a b")).isEqualTo("a%20b");
        assertThat(CanonicalStatement.escape("a\nf 0644 1 x evil")).isEqualTo("a%0Af%200644%201%20x%20evil");
        assertThat(CanonicalStatement.escape("100%")).isEqualTo("100%25");
        assertThat(CanonicalStatement.escape("é")).isEqualTo("%C3%A9");
        assertThat(CanonicalStatement.escape("a-b_c.d~e+f@g,h=i:j/k")).isEqualTo("a-b_c.d~e+f@g,h=i:j/k");
    }

    @Test
    void aForgedPathCannotCreateAFakeLine() {
        // One member whose name spells a second line must not render like two real members.
        String fake = "a\nf 0755 3 " + H + " bin/x";
        byte[] forged = CanonicalStatement.render(List.of(new MemberRecord(fake, EntryType.FILE, 0644, 1, H, null)));
        byte[] real = CanonicalStatement.render(List.of(
                new MemberRecord("a", EntryType.FILE, 0644, 1, H, null),
                new MemberRecord("bin/x", EntryType.FILE, 0755, 3, H, null)));
        assertThat(forged).isNotEqualTo(real);
        assertThat(new String(forged, StandardCharsets.UTF_8).split("\n")).hasSize(2);
        // A space in a symlink name cannot move the target field either.
        byte[] spaced = CanonicalStatement.render(List.of(new MemberRecord("l x", EntryType.SYMLINK, 0777, 0, null, "y")));
        byte[] other = CanonicalStatement.render(List.of(new MemberRecord("l", EntryType.SYMLINK, 0777, 0, null, "x y")));
        assertThat(spaced).isNotEqualTo(other);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void randomNamesAlwaysRenderOneFieldSafeLinePerMember(long seed) {
        Random r = new Random(seed);
        String alphabet = "ab /\n\t%%é\\ -";
        List<MemberRecord> ms = new java.util.ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < 30; i++) {
            StringBuilder n = new StringBuilder();
            for (int j = 1 + r.nextInt(12); j > 0; j--) {
                n.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            if (names.add(n.toString())) {
                ms.add(r.nextBoolean() ? new MemberRecord(n.toString(), EntryType.FILE, 0644, i, H, null)
                        : new MemberRecord(n.toString(), EntryType.SYMLINK, 0777, 0, null, n + " t"));
            }
        }
        String[] lines = new String(CanonicalStatement.render(ms), StandardCharsets.UTF_8).split("\n", -1);
        assertThat(lines).hasSize(ms.size() + 2); // header + members + final empty string
        for (int i = 1; i <= ms.size(); i++) {
            int fields = lines[i].split(" ", -1).length;
            assertThat(fields).isEqualTo(lines[i].startsWith("l ") ? 6 : 5);
        }
    }

    @Test
    void digestIsSha256OfTheStatement() {
        byte[] s = CanonicalStatement.render(List.of());
        assertThat(new String(s, StandardCharsets.UTF_8)).isEqualTo("niso-package-statement 1\n");
        assertThat(CanonicalStatement.digest(s)).matches("sha256:[0-9a-f]{64}");
    }
}
