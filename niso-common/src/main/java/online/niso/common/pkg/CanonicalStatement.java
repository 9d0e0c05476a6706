package online.niso.common.pkg;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The signed text: a versioned header line, then one line per member (all but signature.ed25519),
 * sorted by path bytes:
 * <pre>
 * niso-package-statement 1
 * f 0644 1234 &lt;sha256-hex&gt; manifest.toml
 * d 0755 0 - bin
 * l 0777 0 - lib/current v2
 * </pre>
 * Fields are separated by one space; paths and link targets are percent-encoded (every byte outside
 * {@code [A-Za-z0-9._~+@,=:/-]} becomes {@code %XX}), so no space, newline or {@code %} in a name can
 * shift fields or forge a line. Symlinks have a sixth field (the target); other types have five.
 */
public final class CanonicalStatement {
    public static final String HEADER = "niso-package-statement 1";

    private CanonicalStatement() {
    }

    public static byte[] render(List<MemberRecord> members) {
        List<MemberRecord> sorted = new ArrayList<>(members);
        sorted.sort((a, b) -> ArchivePaths.BYTE_ORDER.compare(a.path(), b.path()));
        StringBuilder sb = new StringBuilder(64 + members.size() * 96);
        sb.append(HEADER).append('\n');
        for (MemberRecord m : sorted) {
            sb.append(m.type().token()).append(' ')
                    .append(octal4(m.mode())).append(' ')
                    .append(m.size()).append(' ')
                    .append(m.type() == EntryType.FILE ? m.sha256() : "-").append(' ')
                    .append(escape(m.path()));
            if (m.type() == EntryType.SYMLINK) {
                sb.append(' ').append(escape(m.linkTarget()));
            }
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The package's identity: {@code sha256:<hex>} of the canonical statement. */
    public static String digest(byte[] statement) {
        return "sha256:" + HexFormat.of().formatHex(sha256(statement));
    }

    private static String octal4(int mode) {
        String o = Integer.toOctalString(mode);
        return "0000".substring(Math.min(4, o.length())) + o;
    }

    static String escape(String s) {
        if (isPlain(s)) {
            return s;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "._~+@,=:/-".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    private static boolean isPlain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "._~+@,=:/-".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    static byte[] sha256(byte[] data) {
        return newSha256().digest(data);
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
