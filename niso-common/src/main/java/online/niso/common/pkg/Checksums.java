package online.niso.common.pkg;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * checksums.sha256 in exactly the format {@code sha256sum} writes and {@code sha256sum -c} reads:
 * {@code <64 lowercase hex>  <path>\n}, one line per regular file (manifest.toml included; this file
 * and signature.ed25519 excluded), sorted by path bytes.
 */
public final class Checksums {
    private static final Pattern LINE = Pattern.compile("([0-9a-fA-F]{64}) [ *](.+)");

    private Checksums() {
    }

    public static byte[] render(List<MemberRecord> members) {
        List<MemberRecord> files = new ArrayList<>();
        for (MemberRecord m : members) {
            if (m.type() == EntryType.FILE && !m.path().equals(Layout.CHECKSUMS) && !m.path().equals(Layout.SIGNATURE)) {
                files.add(m);
            }
        }
        files.sort((a, b) -> ArchivePaths.BYTE_ORDER.compare(a.path(), b.path()));
        StringBuilder sb = new StringBuilder(files.size() * 100);
        for (MemberRecord m : files) {
            sb.append(m.sha256()).append("  ").append(m.path()).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Path → lowercase hex. Accepts what sha256sum produces by hand too: a {@code ./} prefix and
     * the binary-mode {@code *} marker. Throws PackageRejectedException on any malformed line.
     */
    public static Map<String, String> parse(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        Map<String, String> out = new TreeMap<>(ArchivePaths.BYTE_ORDER);
        if (text.isEmpty()) {
            return out;
        }
        if (!text.endsWith("\n")) {
            throw new PackageRejectedException(Layout.CHECKSUMS + ": last line is not terminated");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = LINE.matcher(lines[i]);
            if (!m.matches()) {
                throw new PackageRejectedException(Layout.CHECKSUMS + ":" + (i + 1) + ": not a '<sha256>  <path>' line");
            }
            String path = m.group(2);
            while (path.startsWith("./")) {
                path = path.substring(2);
            }
            if (out.put(path, m.group(1).toLowerCase(java.util.Locale.ROOT)) != null) {
                throw new PackageRejectedException(Layout.CHECKSUMS + ":" + (i + 1) + ": " + path + " listed twice");
            }
        }
        return out;
    }
}
