package mysqlcluster.cluster;

import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.resources.Resource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mysqlcluster.settings.Settings;

/**
 * The seed's ConfigMap: the primary and replica server config plus the bootstrap scripts, mounted in every container.
 * It is immutable and named by its content ({@code <cluster>-<10 hex digits>}): a change makes a new ConfigMap and a
 * new pod template, so the StatefulSet rolls the pods one at a time, each pod keeping the files it started with. A
 * ConfigMap edited in place would reach every running pod's mounted files within a minute or two, before the roll.
 * Pulumi deletes the old one only after the StatefulSet has rolled (a replacement's delete comes last).
 */
record ServerConfigPart(ConfigMap configMap, String name) {
    /** Hex digits of the content hash in the name: enough to never collide between two revisions of one cluster. */
    static final int NAME_HASH_DIGITS = 10;
    /** Scripts shipped as-is, each a file under src/main/resources/scripts and a key in the ConfigMap. */
    public static final List<String> SCRIPTS = List.of("common.sh", "init-config.sh", "clone.sh", "sidecar.sh",
            "probe.sh", "readiness.sh");
    /** Run by the sidecar for each peer that clones, on engines that stream backups. */
    public static final String SERVE_BACKUP_SCRIPT = "serve-backup.sh";
    /** The backup job's and the archive's scripts: the server image's, and the uploader image's (scripts/uploader/). */
    public static final List<String> BACKUP_SCRIPTS = List.of("backup-donor.sh", "backup-clone.sh", "rotate-binlogs.sh");
    public static final List<String> RESTORE_SCRIPTS = List.of("restore-datadir.sh", "replay-binlogs.sh",
            "restore-accounts.sh");
    public static final List<String> UPLOADER_SCRIPTS = List.of("s3.sh", "binlog-index.sh", "restore-plan.sh",
            "archive-binlogs.sh", "archiver.sh", "backup-full.sh", "backup-job.sh", "retention.sh", "restore-fetch.sh",
            "restore-logs.sh", "restore-stage.sh");
    /** The key that holds the selected engine's script (scripts/engine/&lt;engine&gt;.sh). */
    public static final String ENGINE_SCRIPT = "engine.sh";
    public static final String PRIMARY_CNF = "primary.cnf";
    public static final String REPLICA_CNF = "replica.cnf";

    static ServerConfigPart declare(Settings settings, Names names, NamespacePart namespace, Resource parent) {
        Map<String, String> data = data(settings);
        String name = name(names, data);
        // The Pulumi name stays the cluster's: a content change is a replacement of this one resource, not a new one.
        var configMap = new ConfigMap(names.configMap(), ConfigMapArgs.builder()
                .metadata(Meta.namespaced(names, name))
                .immutable(true)
                .data(data)
                .build(), Options.inNamespace(parent, namespace).build());
        return new ServerConfigPart(configMap, name);
    }

    static String name(Names names, Map<String, String> data) {
        return names.configMap() + "-" + sha256(data).substring(0, NAME_HASH_DIGITS);
    }

    static Map<String, String> data(Settings settings) {
        var data = new TreeMap<String, String>();
        String extra = extraOptions(settings.server().config());
        data.put(PRIMARY_CNF, Resources.text("config/" + PRIMARY_CNF) + extra);
        data.put(REPLICA_CNF, Resources.text("config/" + REPLICA_CNF) + extra);
        for (String script : SCRIPTS) {
            data.put(script, Resources.text("scripts/" + script));
        }
        if (settings.engine().streamsBackups()) {
            data.put(SERVE_BACKUP_SCRIPT, Resources.text("scripts/" + SERVE_BACKUP_SCRIPT));
        }
        data.put(ENGINE_SCRIPT, Resources.text("scripts/" + settings.engine().scriptResource()));
        boolean backups = settings.backup().enabled();
        boolean restore = settings.restore().isSet();
        if (backups) {
            BACKUP_SCRIPTS.forEach(script -> data.put(script, Resources.text("scripts/" + script)));
        }
        if (restore) {
            RESTORE_SCRIPTS.forEach(script -> data.put(script, Resources.text("scripts/" + script)));
        }
        if (backups || restore) {
            UPLOADER_SCRIPTS.forEach(script -> data.put(script, Resources.text("scripts/uploader/" + script)));
        }
        return data;
    }

    private static String extraOptions(Map<String, String> options) {
        if (options.isEmpty()) {
            return "";
        }
        var text = new StringBuilder("\n# from stack config mysql-cluster:server.config\n[mysqld]\n");
        new TreeMap<>(options).forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
        return text.toString();
    }

    static String sha256(Map<String, String> data) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(data).forEach((k, v) -> {
                digest.update(k.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(v.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
