package online.niso.common.sign;

import java.util.Base64;

/** RFC 7468 PEM: the textual encoding openssl, ssh-keygen and friends read and write. */
final class Pem {
    static final String PRIVATE_KEY = "PRIVATE KEY";
    static final String PUBLIC_KEY = "PUBLIC KEY";

    private Pem() {
    }

    static String encode(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /** Decodes the first block with the given label; throws IllegalArgumentException with a reason. */
    static byte[] decode(String label, String text) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = text.indexOf(begin);
        if (b < 0) {
            throw new IllegalArgumentException("expected a PEM block '" + begin + "'");
        }
        int e = text.indexOf(end, b);
        if (e < 0) {
            throw new IllegalArgumentException("PEM block has no '" + end + "' line");
        }
        String body = text.substring(b + begin.length(), e).replaceAll("\\s+", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("PEM body is not valid base64", ex);
        }
    }
}
