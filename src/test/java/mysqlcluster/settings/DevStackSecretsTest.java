package mysqlcluster.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.security.GeneralSecurityException;
import mysqlcluster.DocPage;
import mysqlcluster.TestStacks;
import org.junit.jupiter.api.Test;

/** The committed dev stack's secrets are real Pulumi passphrase ciphertext for the passphrase the README gives. */
class DevStackSecretsTest {
    static final String DEV_PASSPHRASE = "mysql-cluster-dev";

    @Test
    void devSecretsDecryptWithTheDocumentedPassphraseAndNoOther() throws Exception {
        JsonNode stack = new YAMLMapper().readTree(TestStacks.named("dev").toFile());
        String salt = stack.get("encryptionsalt").asText();
        var crypter = PulumiPassphrase.open(DEV_PASSPHRASE, salt);
        for (Password p : Password.values()) {
            String plain = crypter.decrypt(stack.get("config").get("mysql-cluster:" + p.configKey()).get("secure").asText());
            assertFalse(plain.isBlank(), p.configKey());
        }
        assertEquals("pulumi", crypter.decrypt(crypter.encrypt("pulumi")));
        assertThrows(GeneralSecurityException.class, () -> PulumiPassphrase.open("wrong", salt));
    }

    @Test
    void theReadmesQuickStartGivesThatPassphrase() {
        assertTrue(DocPage.README.lines().stream().anyMatch(line -> line.startsWith(
                "    export PULUMI_CONFIG_PASSPHRASE=" + DEV_PASSPHRASE + " ")), "the README's quick start exports "
                + DEV_PASSPHRASE);
    }
}
