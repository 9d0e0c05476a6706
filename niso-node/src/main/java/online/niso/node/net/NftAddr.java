package online.niso.node.net;

import online.niso.common.model.Cidr;
import online.niso.common.model.IpAddress;

/** Addresses as nft prints them: bare host addresses for /32 and /128, IPv6 compressed (RFC 5952). */
final class NftAddr {
    private NftAddr() {}

    static String cidr(Cidr c) {
        int full = c.address().isV4() ? 32 : 128;
        return c.prefix() == full ? ip(c.address()) : ip(c.address()) + "/" + c.prefix();
    }

    static String ip(IpAddress ip) {
        if (ip.isV4()) {
            return ip.toString();
        }
        byte[] b = ip.bytes();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // The longest run of zero groups (at least two, first one on ties) becomes "::".
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** "ip" or "ip6": the nft protocol keyword matching an address family. */
    static String family(IpAddress ip) {
        return ip.isV4() ? "ip" : "ip6";
    }
}
