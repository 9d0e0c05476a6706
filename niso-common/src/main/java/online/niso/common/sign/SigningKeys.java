package online.niso.common.sign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.util.Set;
import online.niso.common.error.InvalidInputException;
import online.niso.common.error.OperationFailedException;

/**
 * Ed25519 key files. Private: PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), mode 0600 from
 * creation. Public: X.509 SubjectPublicKeyInfo PEM ({@code -----BEGIN PUBLIC KEY-----}). Both are
 * what {@code openssl pkey} reads and writes, so keys can be made or inspected with openssl too.
 */
public final class SigningKeys {
    public static final String PRIVATE_FILE = "niso-signing.key";
    public static final String PUBLIC_FILE = "niso-signing.pub";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private SigningKeys() {
    }

    public static SigningKey generate() {
        KeyPair pair = Ed25519.generateKeyPair();
        return new SigningKey(pair.getPrivate(), pair.getPublic(),
                KeyId.ofRawPublicKey(Ed25519.rawPublicKey(pair.getPublic())));
    }

    /**
     * Generates a key pair and writes {@code niso-signing.key} (0600) and {@code niso-signing.pub}
     * (0644) into {@code dir} (created if missing). Refuses to overwrite an existing key file:
     * losing a signing key silently is worse than asking the user to move it.
     */
    public static KeyId writeKeyPair(Path dir) {
        SigningKey key = generate();
        writeKeyPair(dir, key);
        return key.keyId();
    }

    public static void writeKeyPair(Path dir, SigningKey key) {
        Path priv = dir.resolve(PRIVATE_FILE);
        Path pub = dir.resolve(PUBLIC_FILE);
        for (Path p : new Path[] {priv, pub}) {
            if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException(p + " already exists; refusing to overwrite a key (move it away first)");
            }
        }
        try {
            Files.createDirectories(dir);
            writeNoClobber(priv, Pem.encode(Pem.PRIVATE_KEY, key.privateKey().getEncoded()), OWNER_ONLY);
            writeNoClobber(pub, publicKeyPem(key.publicKey()), WORLD_READABLE);
        } catch (IOException e) {
            throw new OperationFailedException("cannot write key pair to " + dir + ": " + e.getMessage(), e);
        }
    }

    public static String publicKeyPem(PublicKey key) {
        return Pem.encode(Pem.PUBLIC_KEY, key.getEncoded());
    }

    /**
     * Temp file created with its final permissions (so a private key is never readable by others,
     * not even briefly), fsynced, then hard-linked into place: link() fails if the target exists,
     * which gives atomic no-clobber semantics that rename() lacks.
     */
    private static void writeNoClobber(Path target, String content, Set<PosixFilePermission> perms) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(perms));
        try {
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII)));
                ch.force(true);
            }
            Files.setPosixFilePermissions(tmp, perms); // umask may have narrowed the public key's mode
            try {
                Files.createLink(target, tmp);
            } catch (FileAlreadyExistsException e) {
                throw new InvalidInputException(target + " already exists; refusing to overwrite a key");
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static SigningKey readPrivate(Path file) {
        String text = readText(file, "private key");
        try {
            PrivateKey priv = Ed25519.privateKeyFromPkcs8(Pem.decode(Pem.PRIVATE_KEY, text));
            PublicKey pub = derivePublic(priv);
            return new SigningKey(priv, pub, KeyId.ofRawPublicKey(Ed25519.rawPublicKey(pub)));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file + ": not an Ed25519 private key (" + e.getMessage() + ")", e);
        }
    }

    public static PublicKey readPublic(Path file) {
        String text = readText(file, "public key");
        try {
            return Ed25519.publicKeyFromSpki(Pem.decode(Pem.PUBLIC_KEY, text));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file + ": not an Ed25519 public key (" + e.getMessage() + ")", e);
        }
    }

    public static KeyId keyId(PublicKey key) {
        return KeyId.ofRawPublicKey(Ed25519.rawPublicKey(key));
    }

    private static String readText(Path file, String what) {
        try {
            if (Files.size(file) > 64 * 1024) {
                throw new InvalidInputException(file + ": too large to be an Ed25519 " + what);
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(what + " file not found: " + file, e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The JDK has no "public key of this private key" call for EdDSA. An Ed25519 private key IS its
     * 32-byte seed, and SunEC's generator draws exactly that seed from the SecureRandom it is given,
     * so feeding it the seed regenerates the same pair. A sign/verify round trip guards the trick.
     */
    static PublicKey derivePublic(PrivateKey priv) {
        if (!(priv instanceof EdECPrivateKey ed) || ed.getBytes().isEmpty()) {
            throw new IllegalArgumentException("not an Ed25519 private key");
        }
        byte[] seed = ed.getBytes().get();
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
            gen.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
            PublicKey pub = gen.generateKeyPair().getPublic();
            byte[] probe = "niso key derivation check".getBytes(StandardCharsets.US_ASCII);
            if (!Ed25519.verify(pub, probe, Ed25519.sign(priv, probe))) {
                throw new IllegalStateException("derived Ed25519 public key does not match the private key");
            }
            return pub;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable in this JDK", e);
        }
    }

    /** Returns the given seed as its "random" bytes; only for {@link #derivePublic}. */
    private static final class SeedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("unexpected request for " + bytes.length + " random bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
