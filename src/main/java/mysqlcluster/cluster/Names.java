package mysqlcluster.cluster;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import mysqlcluster.settings.Settings;

/**
 * Every name several places must agree on, derived once from the settings: object names, labels and selectors.
 * Fixed names matter: the pods' DNS names (mysql-0.mysql) and the StatefulSet's serviceName depend on them.
 */
public record Names(String instance, String namespace, String statefulSet, String headlessService, String writeService,
                    String readService, String configMap, String secret, String pool, String storageClass,
                    String rookNamespace, String backup, String bucketClass, String bucketStoreNamespace,
                    String backupPrefix) {
    public static final String APP = "mysql";
    public static final String COMPONENT = "database";
    /** The backup job's pods: the cluster's instance, but not the database's selector, so no Service picks them. */
    public static final String BACKUP_APP = "mysql-backup";
    /** The label the StatefulSet controller puts on every pod: selects exactly one pod by name. */
    public static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";

    public static Names of(Settings settings) {
        String name = settings.cluster().name();
        String namespace = settings.cluster().namespace();
        var storage = settings.storage();
        String defaultPool = namespace.equals(name) ? name : namespace + "-" + name;
        String pool = storage.poolName() != null ? storage.poolName() : defaultPool;
        String storageClass = storage.storageClassName() != null ? storage.storageClassName() : pool + "-rbd";
        String secret = settings.credentials().existingSecret() != null
                ? settings.credentials().existingSecret() : name + "-credentials";
        var backup = settings.backup();
        String bucketClass = backup.bucketClassName() != null ? backup.bucketClassName() : pool + "-bucket";
        String storeNamespace = backup.objectStoreNamespace() != null ? backup.objectStoreNamespace()
                : storage.rookNamespace();
        return new Names(name, namespace, name, name, name + "-write", name + "-read", name, secret, pool,
                storageClass, storage.rookNamespace(), name + "-backup", bucketClass, storeNamespace,
                settings.archivePrefix());
    }

    /** Labels that select this cluster's pods (and nothing else). */
    public Map<String, String> selector() {
        var labels = new TreeMap<String, String>();
        labels.put("app.kubernetes.io/name", APP);
        labels.put("app.kubernetes.io/instance", instance);
        return Collections.unmodifiableMap(labels);
    }

    /** Labels on every object of this cluster. */
    public Map<String, String> labels() {
        var labels = new TreeMap<>(selector());
        labels.put("app.kubernetes.io/component", COMPONENT);
        labels.put("app.kubernetes.io/managed-by", "pulumi");
        return Collections.unmodifiableMap(labels);
    }

    /** The headless Service of the ready pods only, by which the backup job picks its donor. */
    public String donorService() {
        return instance + "-donors";
    }

    /** Labels of the backup job's pods (and its objects): the instance's, another app. */
    public Map<String, String> backupLabels() {
        var labels = new TreeMap<String, String>();
        labels.put("app.kubernetes.io/name", BACKUP_APP);
        labels.put("app.kubernetes.io/instance", instance);
        labels.put("app.kubernetes.io/component", "backup");
        labels.put("app.kubernetes.io/managed-by", "pulumi");
        return Collections.unmodifiableMap(labels);
    }

    /** The pod that is always the primary: ordinal 0. */
    public String primaryPod() {
        return statefulSet + "-0";
    }

    /** A pod's stable DNS name inside the namespace, through the headless Service. */
    public String podHost(int ordinal) {
        return statefulSet + "-" + ordinal + "." + headlessService;
    }

    /** The claim the StatefulSet makes for a pod from its volumeClaimTemplate: {@code <template>-<pod>}. */
    public String claim(int ordinal) {
        return PodLayout.DATA_VOLUME + "-" + statefulSet + "-" + ordinal;
    }

    /** A Service's DNS name from any namespace (the cluster domain is left to the resolver's search path). */
    public String serviceHost(String service) {
        return service + "." + namespace + ".svc";
    }
}
