package mysqlcluster.bootstrap;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mysqlcluster.settings.BackupSettings;
import mysqlcluster.settings.RestoreSettings;
import mysqlcluster.settings.Settings;

/**
 * The bootstrap stack with backups into the harness's object store, which stands in for a Rook bucket claim: the
 * stack's settings with other backup and restore keys, and the objects Rook makes for a claim.
 */
final class BackupStack {
    private BackupStack() {
    }

    static Settings with(Settings s, BackupSettings backup, RestoreSettings restore) {
        return new Settings(s.cluster(), s.images(), s.storage(), s.resources(), s.scheduling(), s.network(),
                s.credentials(), s.rollout(), s.server(), s.monitoring(), backup, restore, s.passwords());
    }

    /** What Rook makes for a bucket claim: a ConfigMap with the endpoint and bucket, a Secret with the keys. */
    static List<Map<String, Object>> rookClaimObjects(String namespace, String claim, String bucket, String accessKey,
                                                      String secretKey) {
        return List.of(configMap(namespace, claim, Map.of("BUCKET_HOST", BackupScenariosTest.STORE_HOST,
                        "BUCKET_PORT", Integer.toString(HarnessObjectStore.PORT), "BUCKET_NAME", bucket)),
                secret(namespace, claim, Map.of("AWS_ACCESS_KEY_ID", accessKey, "AWS_SECRET_ACCESS_KEY", secretKey)));
    }

    static Map<String, Object> configMap(String namespace, String name, Map<String, String> data) {
        return Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", name, "namespace", namespace),
                "data", data);
    }

    static Map<String, Object> secret(String namespace, String name, Map<String, String> values) {
        var data = new LinkedHashMap<String, String>();
        values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return Map.of("apiVersion", "v1", "kind", "Secret", "metadata", Map.of("name", name, "namespace", namespace),
                "data", data);
    }
}
