package mysqlcluster;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mysqlcluster.change.ChangeGuard;
import mysqlcluster.change.DeployedSettings;
import mysqlcluster.change.LastDeployment;
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

    /** The program as `pulumi up` runs it: settings from the stack's config, checked against what it deployed. */
    public static void stack(Context ctx) {
        var source = new PulumiConfigSource(ctx.config(), engineKeys("PULUMI_CONFIG"), engineSecretKeys());
        run(ctx, source, p -> ctx.config().requireSecret(p.configKey()), LastDeployment.read(ctx));
    }

    /**
     * Reads and validates all settings, then checks them against the last deployment: bad config and a change the
     * deployed cluster cannot take both stop the program before any resource is declared.
     */
    public static MySqlCluster run(Context ctx, ConfigSource source, Function<Password, Output<String>> secret,
                                   Optional<DeployedSettings> deployed) {
        Settings settings = Settings.read(source);
        ChangeGuard.check(deployed, settings);
        var passwords = new EnumMap<Password, Output<String>>(Password.class);
        if (settings.credentials().existingSecret() == null) {
            for (Password p : settings.requiredPasswords()) {
                passwords.put(p, secret.apply(p));
            }
        }
        return declare(ctx, settings, new ClusterSecrets(passwords));
    }

    /**
     * Declares the cluster and exports its outputs; shared by `pulumi up`, the tests and `render`. The deployed
     * settings wait for the rollout: the engine keeps the stack outputs a failed update registered (pulumi/pulumi
     * #15754), and the change guard must compare with what did deploy, not with what was tried.
     */
    public static MySqlCluster declare(Context ctx, Settings settings, ClusterSecrets secrets) {
        var cluster = new MySqlCluster(settings.cluster().name(), settings, secrets, null);
        cluster.outputs().forEach(ctx::export);
        var deployed = DeployedSettings.of(settings).values();
        ctx.export(DeployedSettings.OUTPUT, cluster.rolledOut().applyValue(done -> deployed));
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
