package mysqlcluster.render;

import com.pulumi.core.Output;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import mysqlcluster.cluster.ClusterSecrets;
import mysqlcluster.settings.Password;
import mysqlcluster.settings.Settings;

/**
 * Password values for a render. Without --show-secrets every value is a placeholder; with it, each comes from an
 * environment variable (MYSQL_CLUSTER_ROOT_PASSWORD, ...) since render never decrypts the stack.
 */
public record SecretValues(Map<Password, String> values) {
    public static final String REDACTED = "[redacted]";

    public static SecretValues redacted() {
        var values = new EnumMap<Password, String>(Password.class);
        for (Password p : Password.values()) {
            values.put(p, REDACTED);
        }
        return new SecretValues(values);
    }

    public static String environmentVariable(Password password) {
        return "MYSQL_CLUSTER_" + password.secretKey().toUpperCase().replace('-', '_');
    }

    /** Reads every password the settings need from the environment; names each missing variable. */
    public static SecretValues fromEnvironment(Settings settings, Function<String, String> env) {
        var values = new EnumMap<Password, String>(Password.class);
        var missing = new java.util.ArrayList<String>();
        for (Password p : settings.requiredPasswords()) {
            String value = env.apply(environmentVariable(p));
            if (value == null || value.isEmpty()) {
                missing.add(environmentVariable(p));
            } else {
                values.put(p, value);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("--show-secrets needs the passwords in the environment; set "
                    + String.join(", ", missing));
        }
        return new SecretValues(values);
    }

    ClusterSecrets toClusterSecrets(Settings settings) {
        if (settings.credentials().existingSecret() != null) {
            return ClusterSecrets.none();
        }
        var outputs = new EnumMap<Password, Output<String>>(Password.class);
        for (Password p : settings.requiredPasswords()) {
            outputs.put(p, Output.ofSecret(values.getOrDefault(p, REDACTED)));
        }
        return new ClusterSecrets(outputs);
    }
}
