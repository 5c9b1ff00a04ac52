package mysqlcluster.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything the program reads from a stack, parsed once and validated as a whole. The only class that knows
 * config keys: one structured key per concern plus one secret key per password.
 */
public record Settings(ClusterSettings cluster, ImageSettings images, StorageSettings storage, ResourceSettings resources,
                       SchedulingSettings scheduling, NetworkSettings network, CredentialSettings credentials,
                       RolloutSettings rollout, ServerSettings server, MonitoringSettings monitoring,
                       BackupSettings backup, RestoreSettings restore, Set<Password> passwords) {
    public static final String PROJECT = "mysql-cluster";

    public static final Settings DEFAULTS = new Settings(ClusterSettings.DEFAULTS, ImageSettings.DEFAULTS,
            StorageSettings.DEFAULTS, ResourceSettings.DEFAULTS, SchedulingSettings.DEFAULTS, NetworkSettings.DEFAULTS,
            CredentialSettings.DEFAULTS, RolloutSettings.DEFAULTS, ServerSettings.DEFAULTS, MonitoringSettings.DEFAULTS, BackupSettings.DEFAULTS,
            RestoreSettings.DEFAULTS, Set.of());

    /** The structured keys, in the order docs/configuration.md documents them. */
    private static final Map<String, Function<Settings, Record>> OBJECT_KEYS = objectKeys();

    private static Map<String, Function<Settings, Record>> objectKeys() {
        var keys = new LinkedHashMap<String, Function<Settings, Record>>();
        keys.put("cluster", Settings::cluster);
        keys.put("images", Settings::images);
        keys.put("storage", Settings::storage);
        keys.put("resources", Settings::resources);
        keys.put("scheduling", Settings::scheduling);
        keys.put("network", Settings::network);
        keys.put("credentials", Settings::credentials);
        keys.put("rollout", Settings::rollout);
        keys.put("server", Settings::server);
        keys.put("monitoring", Settings::monitoring);
        keys.put("backup", Settings::backup);
        keys.put("restore", Settings::restore);
        return keys;
    }

    public static String fullKey(String key) {
        return PROJECT + ":" + key;
    }

    /** Reads and validates the whole configuration; throws {@link InvalidConfigException} listing every problem. */
    public static Settings read(ConfigSource source) {
        var problems = new Problems();
        List<String> allowed = new ArrayList<>(OBJECT_KEYS.keySet());
        for (Password p : Password.values()) {
            allowed.add(p.configKey());
        }
        for (String key : source.keys().stream().sorted().toList()) {
            if (key.startsWith(PROJECT + ":") && !allowed.contains(key.substring(PROJECT.length() + 1))) {
                problems.add(key, "unknown key; allowed keys under " + PROJECT + ": are " + String.join(", ", allowed));
            }
        }
        Settings s = new Settings(
                object(source, "cluster", ClusterSettings.class, ClusterSettings.DEFAULTS, problems),
                object(source, "images", ImageSettings.class, ImageSettings.DEFAULTS, problems),
                object(source, "storage", StorageSettings.class, StorageSettings.DEFAULTS, problems),
                object(source, "resources", ResourceSettings.class, ResourceSettings.DEFAULTS, problems),
                object(source, "scheduling", SchedulingSettings.class, SchedulingSettings.DEFAULTS, problems),
                object(source, "network", NetworkSettings.class, NetworkSettings.DEFAULTS, problems),
                object(source, "credentials", CredentialSettings.class, CredentialSettings.DEFAULTS, problems),
                object(source, "rollout", RolloutSettings.class, RolloutSettings.DEFAULTS, problems),
                object(source, "server", ServerSettings.class, ServerSettings.DEFAULTS, problems),
                object(source, "monitoring", MonitoringSettings.class, MonitoringSettings.DEFAULTS, problems),
                object(source, "backup", BackupSettings.class, BackupSettings.DEFAULTS, problems),
                object(source, "restore", RestoreSettings.class, RestoreSettings.DEFAULTS, problems),
                passwords(source, problems));
        s.validate(problems);
        problems.throwIfAny();
        return s;
    }

    private void validate(Problems problems) {
        cluster.validate(fullKey("cluster"), problems);
        images.validate(fullKey("images"), problems);
        storage.validate(fullKey("storage"), problems);
        resources.validate(fullKey("resources"), problems);
        scheduling.validate(fullKey("scheduling"), problems);
        network.validate(fullKey("network"), problems);
        credentials.validate(fullKey("credentials"), problems);
        rollout.validate(fullKey("rollout"), problems);
        server.validate(fullKey("server"), problems);
        monitoring.validate(fullKey("monitoring"), problems);
        backup.validate(fullKey("backup"), problems);
        restore.validate(fullKey("restore"), problems);
        validatePasswords(problems);
        validateRestoreSource(problems);
        if (problems.isEmpty()) {
            images.validateMatch(fullKey("images"), fullKey("cluster") + ".version", engineVersion(), problems);
        }
    }

    /**
     * A restored cluster writes a new binary log from file 1: archived where it restores from, its files would meet the
     * old cluster's of the same names. A claimed bucket is always a new one.
     */
    private void validateRestoreSource(Problems problems) {
        S3Location from = restore.from();
        S3Location to = backup.s3();
        if (!restore.isSet() || !backup.enabled() || !to.isSet() || from.endpoint() == null || to.endpoint() == null) {
            return;
        }
        String toPrefix = archivePrefix();
        if (from.endpointUrl().equals(to.endpointUrl()) && from.bucket().equals(to.bucket())
                && toPrefix.equals(from.prefix())) {
            problems.add(fullKey("backup") + ".s3.prefix", Rules.quote(toPrefix) + " is where " + fullKey("restore")
                    + ".from takes the backup from; the restored cluster's own backups and binary logs must go elsewhere:"
                    + " set another " + fullKey("backup") + ".s3.prefix");
        }
    }

    private void validatePasswords(Problems problems) {
        if (credentials.existingSecret() != null) {
            for (Password p : Password.values()) {
                if (!passwords.contains(p)) {
                    continue;
                }
                problems.add(fullKey(p.configKey()), "must not be set together with " + fullKey("credentials")
                        + ".existingSecret; the password comes from that Secret's key " + p.secretKey());
            }
            return;
        }
        for (Password p : requiredPasswords()) {
            if (!passwords.contains(p)) {
                problems.add(fullKey(p.configKey()), "is required; set it with: pulumi config set --secret "
                        + fullKey(p.configKey()) + " <password>  (or name an existing Secret in "
                        + fullKey("credentials") + ".existingSecret)");
            }
        }
        if (!monitoring.exporter() && passwords.contains(Password.EXPORTER)) {
            problems.add(fullKey(Password.EXPORTER.configKey()), "is set but " + fullKey("monitoring")
                    + ".exporter is false; turn the exporter on, or remove it");
        }
        if (!credentials.hasAppUser() && passwords.contains(Password.APP)) {
            problems.add(fullKey(Password.APP.configKey()), "is set but " + fullKey("credentials")
                    + ".appUser is not; set appUser and appDatabase, or remove it");
        }
    }

    /** The passwords this configuration needs, in Secret key order. */
    public Set<Password> requiredPasswords() {
        var required = EnumSet.of(Password.ROOT, Password.REPLICATION, Password.BACKUP);
        if (credentials.hasAppUser()) {
            required.add(Password.APP);
        }
        if (monitoring.exporter()) {
            required.add(Password.EXPORTER);
        }
        return required;
    }

    private static Set<Password> passwords(ConfigSource source, Problems problems) {
        var present = EnumSet.noneOf(Password.class);
        for (Password p : Password.values()) {
            String key = fullKey(p.configKey());
            if (source.get(key).isEmpty()) {
                continue;
            }
            present.add(p);
            if (!source.isSecret(key)) {
                problems.add(key, "is stored in plain text; store it encrypted with: pulumi config set --secret " + key
                        + " <password>");
            }
        }
        return Set.copyOf(present);
    }

    private static <R extends Record> R object(ConfigSource source, String key, Class<R> type, R defaults,
                                               Problems problems) {
        String full = fullKey(key);
        var raw = source.get(full);
        if (raw.isEmpty()) {
            return defaults;
        }
        JsonNode node;
        try {
            node = RecordBinder.STRICT.readTree(raw.get());
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            problems.add(full, "expected an object with the keys " + RecordBinder.keysOf(type) + ", got "
                    + (node == null ? Rules.quote(raw.get()) : RecordBinder.describe(node)));
            return defaults;
        }
        return RecordBinder.bind(node, type, defaults, full, problems);
    }

    public Engine engine() {
        return cluster.engineKind();
    }

    public EngineVersion engineVersion() {
        return cluster.engineVersion();
    }

    /** Where in the bucket the backups and the binary log archive go: backup.s3.prefix, or namespace/name. */
    public String archivePrefix() {
        return backup.s3().prefix() != null ? backup.s3().prefix() : cluster.namespace() + "/" + cluster.name();
    }

    /** The image every container of a pod runs, but the exporter. */
    public String serverImage() {
        return images.serverImage(engineVersion());
    }
}
