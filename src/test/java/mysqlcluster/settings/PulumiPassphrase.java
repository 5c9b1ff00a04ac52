package mysqlcluster.settings;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pulumi's passphrase secrets format, re-implemented for tests: the key is PBKDF2-HMAC-SHA256 (1,000,000 rounds,
 * 32 bytes) of the passphrase and the stack's salt; values are "v1:" + base64(nonce) + ":" + base64(AES-256-GCM);
 * {@code encryptionsalt} is "v1:" + base64(salt) + ":" + the encryption of the word "pulumi".
 * Used to check that the committed dev stack decrypts with its documented passphrase, and (main) to make one.
 */
final class PulumiPassphrase {
    private static final int ROUNDS = 1_000_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    private PulumiPassphrase(SecretKeySpec key) {
        this.key = key;
    }

    /** The crypter of a stack file's {@code encryptionsalt}; fails if the passphrase is not the stack's. */
    static PulumiPassphrase open(String passphrase, String encryptionSalt) throws GeneralSecurityException {
        String[] parts = encryptionSalt.split(":", 3);
        if (parts.length != 3 || !parts[0].equals("v1")) {
            throw new GeneralSecurityException("not a v1 encryptionsalt");
        }
        var crypter = new PulumiPassphrase(deriveKey(passphrase, Base64.getDecoder().decode(parts[1])));
        if (!"pulumi".equals(crypter.decrypt(parts[2]))) {
            throw new GeneralSecurityException("wrong passphrase");
        }
        return crypter;
    }

    static String newEncryptionSalt(String passphrase) throws GeneralSecurityException {
        byte[] salt = new byte[8];
        RANDOM.nextBytes(salt);
        var crypter = new PulumiPassphrase(deriveKey(passphrase, salt));
        return "v1:" + Base64.getEncoder().encodeToString(salt) + ":" + crypter.encrypt("pulumi");
    }

    String encrypt(String plaintext) throws GeneralSecurityException {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
        return "v1:" + Base64.getEncoder().encodeToString(nonce) + ":" + Base64.getEncoder().encodeToString(sealed);
    }

    String decrypt(String value) throws GeneralSecurityException {
        String[] parts = value.split(":");
        if (parts.length != 3 || !parts[0].equals("v1")) {
            throw new GeneralSecurityException("not a v1 secret value");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, Base64.getDecoder().decode(parts[1])));
        return new String(cipher.doFinal(Base64.getDecoder().decode(parts[2])), StandardCharsets.UTF_8);
    }

    private static SecretKeySpec deriveKey(String passphrase, byte[] salt) throws GeneralSecurityException {
        var spec = new PBEKeySpec(passphrase.toCharArray(), salt, ROUNDS, 256);
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        return new SecretKeySpec(key, "AES");
    }

    /** Prints an encryptionsalt and encrypted values: {@code main <passphrase> <value>...}. */
    public static void main(String[] args) throws GeneralSecurityException {
        String salt = newEncryptionSalt(args[0]);
        System.out.println("encryptionsalt: " + salt);
        var crypter = open(args[0], salt);
        for (int i = 1; i < args.length; i++) {
            System.out.println("secure: " + crypter.encrypt(args[i]));
        }
    }
}
