package mysqlcluster;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mysqlcluster.cluster.ClusterSecrets;
import mysqlcluster.cluster.MySqlCluster;
import java.util.function.Function;
import mysqlcluster.settings.ConfigSource;
import mysqlcluster.settings.Password;
import mysqlcluster.settings.PulumiConfigSource;
import mysqlcluster.settings.Settings;

/** The Pulumi program: stack config in, one MySqlCluster out, its outputs exported. */
public final class Program {
    private Program() {
    }

    /** The program as `pulumi up` runs it: settings from the stack's config. */
    public static void stack(Context ctx) {
        var source = new PulumiConfigSource(ctx.config(), engineKeys("PULUMI_CONFIG"), engineSecretKeys());
        run(ctx, source, p -> ctx.config().requireSecret(p.configKey()));
    }

    /** Reads and validates all settings first, so bad config stops the program before any resource exists. */
    public static MySqlCluster run(Context ctx, ConfigSource source, Function<Password, Output<String>> secret) {
        Settings settings = Settings.read(source);
        var passwords = new EnumMap<Password, Output<String>>(Password.class);
        if (settings.credentials().existingSecret() == null) {
            for (Password p : settings.requiredPasswords()) {
                passwords.put(p, secret.apply(p));
            }
        }
        return declare(ctx, settings, new ClusterSecrets(passwords));
    }

    /** Declares the cluster and exports its outputs; shared by `pulumi up`, the tests and `render`. */
    public static MySqlCluster declare(Context ctx, Settings settings, ClusterSecrets secrets) {
        var cluster = new MySqlCluster(settings.cluster().name(), settings, secrets, null);
        cluster.outputs().forEach(ctx::export);
        return cluster;
    }

    /** The keys the engine passed (PULUMI_CONFIG is a JSON object of full key to value). */
    private static Set<String> engineKeys(String variable) {
        String json = System.getenv(variable);
        return json == null || json.isBlank() ? Set.of() : parse(json, new TypeReference<Map<String, Object>>() { }).keySet();
    }

    /** The secret keys the engine passed (PULUMI_CONFIG_SECRET_KEYS is a JSON list of full keys). */
    private static Set<String> engineSecretKeys() {
        String json = System.getenv("PULUMI_CONFIG_SECRET_KEYS");
        return json == null || json.isBlank() ? Set.of() : Set.copyOf(parse(json, new TypeReference<List<String>>() { }));
    }

    private static <T> T parse(String json, TypeReference<T> type) {
        try {
            return new ObjectMapper().readValue(json, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot parse the configuration the Pulumi engine passed: " + e.getMessage(), e);
        }
    }
}
