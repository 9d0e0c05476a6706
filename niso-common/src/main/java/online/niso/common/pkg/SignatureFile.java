package online.niso.common.pkg;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import online.niso.common.sign.Ed25519;
import online.niso.common.sign.KeyId;
import online.niso.common.sign.SigningKey;

/**
 * signature.ed25519: four lines of text.
 * <pre>
 * niso-signature 1
 * key-id SHA256:&lt;unpadded base64&gt;
 * public-key &lt;base64 of the raw 32-byte Ed25519 key&gt;
 * signature &lt;base64 of the 64-byte Ed25519 signature over the canonical statement&gt;
 * </pre>
 * The embedded public key only names the signer and allows a consistency check; trust comes from
 * the verifier's own keys, never from the file.
 */
public record SignatureFile(KeyId keyId, byte[] rawPublicKey, byte[] signature) {
    public static final String HEADER = "niso-signature 1";
    public static final int MAX_BYTES = 4096;

    public static SignatureFile sign(SigningKey key, byte[] statement) {
        return new SignatureFile(key.keyId(), key.rawPublicKey(), key.sign(statement));
    }

    public byte[] render() {
        Base64.Encoder b64 = Base64.getEncoder();
        return (HEADER + "\n"
                + "key-id " + keyId.value() + "\n"
                + "public-key " + b64.encodeToString(rawPublicKey) + "\n"
                + "signature " + b64.encodeToString(signature) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    public static SignatureFile parse(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        if (lines.length != 5 || !lines[4].isEmpty() || !lines[0].equals(HEADER)) {
            throw bad("expected the 4-line '" + HEADER + "' format");
        }
        try {
            KeyId id = new KeyId(field(lines[1], "key-id"));
            byte[] pub = Base64.getDecoder().decode(field(lines[2], "public-key"));
            byte[] sig = Base64.getDecoder().decode(field(lines[3], "signature"));
            if (pub.length != Ed25519.RAW_KEY_LENGTH || sig.length != Ed25519.SIGNATURE_LENGTH) {
                throw bad("public key must be 32 bytes and signature 64 bytes");
            }
            return new SignatureFile(id, pub, sig);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    private static String field(String line, String name) {
        if (!line.startsWith(name + " ")) {
            throw new IllegalArgumentException("expected a '" + name + "' line");
        }
        return line.substring(name.length() + 1);
    }

    private static PackageRejectedException bad(String why) {
        return new PackageRejectedException(Layout.SIGNATURE + ": malformed (" + why + ")");
    }
}
