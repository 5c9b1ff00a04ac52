package mysqlcluster.cluster;

import static mysqlcluster.cluster.ManifestView.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mysqlcluster.TestStacks;
import mysqlcluster.render.MockRun;
import mysqlcluster.render.SecretValues;
import mysqlcluster.settings.MapConfigSource;
import mysqlcluster.settings.Settings;
import mysqlcluster.settings.StackFile;
import org.junit.jupiter.api.Test;

/**
 * What backup.* and restore.* declare, on the stacks that set them (prod claims its bucket from a Rook object store,
 * staging uses the platform's S3 bucket, dev has none) and on edits of them: the bucket, the CronJob and its pod, the
 * archive in the database pods, and a restore's first initialisation.
 */
class BackupObjectsTest {
    record Rendered(Settings settings, Names names, ManifestView view, MockRun run) {
        static Rendered of(MapConfigSource source) {
            Settings settings = Settings.read(source);
            MockRun run = MockRun.of(settings, SecretValues.redacted());
            return new Rendered(settings, Names.of(settings), new ManifestView(run.manifests()), run);
        }

        static Rendered stack(String stack) {
            return of(StackFile.read(TestStacks.named(stack)));
        }

        Map<String, Object> cronJob() {
            return view.one("CronJob", "mysql-backup");
        }

        Map<String, Object> jobPod() {
            return get(cronJob(), "spec.jobTemplate.spec.template");
        }

        Map<String, Object> podSpec() {
            return get(view.one("StatefulSet", "mysql"), "spec.template.spec");
        }

        Map<String, String> configData() {
            return get(view.all("ConfigMap").get(0), "data");
        }
    }

    /** A stack's config with one structured key replaced (as JSON). */
    static MapConfigSource with(String stack, String key, String json) {
        var source = StackFile.read(TestStacks.named(stack));
        var values = new HashMap<>(source.values());
        values.put(Settings.fullKey(key), json);
        return new MapConfigSource(values, source.secrets());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> env(Map<String, Object> container, String name) {
        return ((List<Map<String, Object>>) container.get("env")).stream().filter(e -> name.equals(e.get("name")))
                .findFirst().orElse(null);
    }

    static Object envValue(Map<String, Object> container, String name) {
        var e = env(container, name);
        return e == null ? null : e.get("value");
    }

    @Test
    void prodClaimsItsBucketFromTheObjectStoreAndKeepsItWithTheClaimGone() {
        var r = Rendered.stack("prod");
        var cls = r.view.one("StorageClass", "mysql-prod-bucket");
        assertEquals("rook-ceph.ceph.rook.io/bucket", cls.get("provisioner"));
        assertEquals(Map.of("objectStoreName", "backups", "objectStoreNamespace", "rook-ceph"), cls.get("parameters"));
        assertEquals("Retain", cls.get("reclaimPolicy"), "deleting the claim never deletes the backups");
        var claim = r.view.one("ObjectBucketClaim", "mysql-backup");
        assertEquals("objectbucket.io/v1alpha1", claim.get("apiVersion"));
        assertEquals("mysql-prod", get(claim, "metadata.namespace"));
        assertEquals(Map.of("storageClassName", "mysql-prod-bucket", "generateBucketName", "mysql-backup"),
                claim.get("spec"));
        var options = r.run.options().get(MockRun.key("kubernetes:objectbucket.io/v1alpha1:ObjectBucketClaim",
                "mysql-backup"));
        assertTrue(options.isProtect() && options.isRetainOnDelete(), "prod protects its claim like its pool");
    }

    @Test
    void prodBacksUpNightlyFromAReadyReplicaIntoTheClaimedBucket() {
        var r = Rendered.stack("prod");
        Map<String, Object> spec = get(r.cronJob(), "spec");
        assertEquals("30 2 * * *", spec.get("schedule"));
        assertEquals("Etc/UTC", spec.get("timeZone"));
        assertEquals("Forbid", spec.get("concurrencyPolicy"), "never two backups at once");
        assertEquals("Never", get(r.jobPod(), "spec.restartPolicy"));
        // the job's pods are no database pod: no Service sends clients to them
        Map<String, String> jobLabels = get(r.jobPod(), "metadata.labels");
        for (var service : r.view.all("Service")) {
            Map<String, String> selector = get(service, "spec.selector");
            assertFalse(jobLabels.entrySet().containsAll(selector.entrySet()), (String) get(service, "metadata.name"));
        }
        Map<String, Object> donor = get(r.jobPod(), "spec.initContainers[donor]");
        assertEquals("mysql:9.7.2", donor.get("image"));
        assertEquals(List.of("bash", "/etc/mysql-cluster/backup-donor.sh"), donor.get("command"));
        assertEquals("mysql-donors", envValue(donor, "DONOR_SERVICE"));
        assertEquals("mysql", envValue(donor, "GOVERNING_SERVICE"));
        assertEquals("mysql", envValue(donor, "STATEFULSET"));
        assertEquals("3", envValue(donor, "REPLICAS"));
        assertEquals("backup-password", get(env(donor, "BACKUP_PASSWORD"), "valueFrom.secretKeyRef.key"),
                "MySQL's clone logs in to the donor as the backup user");
        Map<String, Object> upload = get(r.jobPod(), "spec.containers[upload]");
        assertEquals("rclone/rclone:1.75.0", upload.get("image"));
        assertEquals(List.of("sh", "/etc/mysql-cluster/backup-job.sh"), upload.get("command"));
        assertEquals("mysql-backup", get(env(upload, "BUCKET_HOST"), "valueFrom.configMapKeyRef.name"));
        assertEquals("BUCKET_HOST", get(env(upload, "BUCKET_HOST"), "valueFrom.configMapKeyRef.key"));
        assertEquals("BUCKET_PORT", get(env(upload, "BUCKET_PORT"), "valueFrom.configMapKeyRef.key"));
        assertEquals("http://$(BUCKET_HOST):$(BUCKET_PORT)", envValue(upload, "S3_ENDPOINT"));
        assertEquals("BUCKET_NAME", get(env(upload, "S3_BUCKET"), "valueFrom.configMapKeyRef.key"));
        assertEquals("mysql-prod/mysql", envValue(upload, "S3_PREFIX"));
        assertEquals("14", envValue(upload, "KEEP_BACKUPS"));
        // a 200 GiB volume (204,800 MiB) streamed in at most 9,000 parts: 22.8 MiB each, rounded up
        assertEquals("23M", envValue(upload, "STREAM_CHUNK_SIZE"));
        // an unfinished upload older than a job can live (600 s + twice 204800 MiB at 100 MiB/s) is a dead job's
        assertEquals("4696", envValue(upload, "UNFINISHED_UPLOAD_MAX_AGE_SECONDS"));
        assertEquals(Long.valueOf(4696), get(r.cronJob(), "spec.jobTemplate.spec.activeDeadlineSeconds"));
        assertNull(env(upload, "CLONE_PORT"), "MySQL's backup is the clone in the work volume");
        // the clone lands in a volume as large as a data volume, of the cluster's class, gone with the job's pod
        Map<String, Object> work = get(r.jobPod(), "spec.volumes[work].ephemeral.volumeClaimTemplate.spec");
        assertEquals("mysql-prod-rbd", work.get("storageClassName"));
        assertEquals("200Gi", get(work, "resources.requests.storage"));
        // 600 s plus twice 200 GiB at prod's 100 MiB/s
        assertEquals(600L + 2 * 200 * 1024 / 100, (long) get(r.cronJob(), "spec.jobTemplate.spec.activeDeadlineSeconds"));
    }

    @Test
    void bucketKeysReachTheUploaderOnlyAsFilesReadableByThePodsGroup() {
        for (String stack : List.of("prod", "staging")) {
            var r = Rendered.stack(stack);
            String secret = stack.equals("prod") ? "mysql-backup" : "mysql-backup-s3";
            var pods = List.of(r.jobPod(), get(r.view.one("StatefulSet", "mysql"), "spec.template"));
            for (Map<String, Object> pod : pods) {
                Map<String, Object> keys = get(pod, "spec.volumes[bucket-keys].secret");
                assertEquals(secret, keys.get("secretName"), stack);
                assertEquals(0440L, keys.get("defaultMode"), stack);
                assertEquals(List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"),
                        ((List<Map<String, Object>>) keys.get("items")).stream().map(i -> i.get("path")).toList());
            }
            var uploaders = List.of(get(r.jobPod(), "spec.containers[upload]"),
                    (Map<String, Object>) get(r.podSpec(), "containers[archiver]"));
            for (Map<String, Object> c : uploaders) {
                assertEquals("/etc/mysql-cluster-bucket", envValue(c, "S3_KEYS_DIR"));
                List<Map<String, Object>> mounts = get(c, "volumeMounts");
                assertTrue(mounts.stream().anyMatch(m -> "bucket-keys".equals(m.get("name"))
                        && "/etc/mysql-cluster-bucket".equals(m.get("mountPath")) && Boolean.TRUE.equals(m.get("readOnly"))));
                for (Map<String, Object> e : (List<Map<String, Object>>) c.get("env")) {
                    assertNull(get(e, "valueFrom.secretKeyRef"), "no key in an environment: " + e.get("name"));
                }
            }
        }
    }

    @Test
    void stagingUploadsToThePlatformsBucketUnderItsPrefix() {
        var r = Rendered.stack("staging");
        assertTrue(r.view.all("ObjectBucketClaim").isEmpty());
        assertEquals(List.of("StorageClass/mysql-staging-rbd"), r.view.kinds().stream()
                .filter(k -> k.startsWith("StorageClass/")).toList(), "no bucket class without objectStore");
        Map<String, Object> upload = get(r.jobPod(), "spec.containers[upload]");
        assertEquals("https://s3.example.com", envValue(upload, "S3_ENDPOINT"));
        assertEquals("db-backups", envValue(upload, "S3_BUCKET"));
        assertEquals("staging/mysql", envValue(upload, "S3_PREFIX"));
        assertEquals("0 4 * * *", get(r.cronJob(), "spec.schedule"));
        // 20 GiB would fit in 9,000 parts of 2.3 MiB, but S3's parts are 5 MiB at least
        assertEquals("5M", envValue(upload, "STREAM_CHUNK_SIZE"));
    }

    @Test
    void theArchiveRunsBesideEveryServerAndTheSidecarClosesTheLogOnTime() {
        var r = Rendered.stack("prod");
        Map<String, Object> archiver = get(r.podSpec(), "containers[archiver]");
        assertEquals("rclone/rclone:1.75.0", archiver.get("image"));
        assertEquals(List.of("sh", "/etc/mysql-cluster/archiver.sh"), archiver.get("command"));
        assertEquals("/var/lib/mysql", envValue(archiver, "BINLOG_DIR"));
        assertEquals("mysql-bin", envValue(archiver, "BINLOG_BASENAME"));
        List<Map<String, Object>> mounts = get(archiver, "volumeMounts");
        var data = mounts.stream().filter(m -> "data".equals(m.get("name"))).findFirst().orElseThrow();
        assertEquals(Boolean.TRUE, data.get("readOnly"), "the archive never writes the datadir");
        assertEquals("mysql", data.get("subPath"));
        // a quarter of prod's 5-minute RPO each for the rotation and the pass, half for the pass's own work
        assertEquals("75", envValue(archiver, "INTERVAL_SECONDS"));
        assertEquals("75", envValue(get(r.podSpec(), "containers[sidecar]"), "BINLOG_ROTATE_SECONDS"));
        // its metrics page: the file archive-binlogs.sh writes, alone in the directory archiver.sh serves on the port
        // the PodMonitor scrapes (never the whole tmp volume, which holds the scripts' work)
        assertEquals("/tmp/archive-metrics/metrics", envValue(archiver, "METRICS_FILE"));
        assertEquals("9105", envValue(archiver, "METRICS_PORT"));
        assertEquals(List.of(Map.of("name", "archive-metrics", "containerPort", 9105L, "protocol", "TCP")),
                get(archiver, "ports"));
        var dev = Rendered.stack("dev");
        assertNull(get(dev.podSpec(), "containers[archiver]"));
        assertNull(env(get(dev.podSpec(), "containers[sidecar]"), "BINLOG_ROTATE_SECONDS"));
        assertTrue(dev.view.all("CronJob").isEmpty());
        assertFalse(dev.configData().containsKey("archiver.sh"), "no uploader script without backups");
    }

    @Test
    void theDonorServiceListsOnlyThePodsTheReadinessProbeFindsFit() {
        var r = Rendered.stack("prod");
        var donors = r.view.one("Service", "mysql-donors");
        assertEquals("None", get(donors, "spec.clusterIP"));
        assertNull(get(donors, "spec.publishNotReadyAddresses"), "the default, false: not-ready pods are left out");
        assertEquals(r.names.selector(), get(donors, "spec.selector"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyScriptAPodOrTheJobRunsIsInTheConfigMapItMounts() {
        for (String stack : List.of("prod", "staging")) {
            var r = Rendered.stack(stack);
            String configMap = (String) get(r.view.all("ConfigMap").get(0), "metadata.name");
            assertEquals(configMap, get(r.jobPod(), "spec.volumes[config].configMap.name"));
            var containers = new ArrayList<Map<String, Object>>();
            containers.addAll(get(r.jobPod(), "spec.initContainers"));
            containers.addAll(get(r.jobPod(), "spec.containers"));
            containers.addAll(get(r.podSpec(), "initContainers"));
            containers.addAll(get(r.podSpec(), "containers"));
            for (var c : containers) {
                var command = (List<String>) c.get("command");
                if (command == null) {
                    continue;
                }
                String script = command.get(1).substring("/etc/mysql-cluster/".length());
                assertTrue(r.configData().containsKey(script), stack + ": " + c.get("name") + " runs " + script);
            }
            for (String script : List.of("backup-clone.sh", "rotate-binlogs.sh", "s3.sh", "binlog-index.sh",
                    "restore-plan.sh", "archive-binlogs.sh", "backup-full.sh", "retention.sh")) {
                assertTrue(r.configData().containsKey(script), stack + ": the scripts those call: " + script);
            }
        }
    }

    @Test
    void mariadbStreamsItsBackupFromTheDonorsClonePort() {
        var r = Rendered.of(with("staging", "cluster",
                "{\"namespace\":\"mysql-staging\",\"createNamespace\":false,\"replicas\":3,\"engine\":\"mariadb\"}"));
        Map<String, Object> upload = get(r.jobPod(), "spec.containers[upload]");
        assertEquals("3307", envValue(upload, "CLONE_PORT"));
        assertNull(env(get(r.jobPod(), "spec.initContainers[donor]"), "BACKUP_PASSWORD"),
                "MariaDB's donor streams its own backup: the job logs in nowhere");
        assertTrue(get(r.jobPod(), "spec.volumes[work].emptyDir") != null, "the stream passes through, no copy");
        var policy = r.view.one("NetworkPolicy", "mysql");
        List<Map<String, Object>> rules = get(policy, "spec.ingress");
        var clonePeers = rules.stream().filter(rule -> ((List<Map<String, Object>>) rule.get("ports")).get(0)
                .get("port").equals(3307L)).findFirst().orElseThrow();
        assertTrue(((List<Map<String, Object>>) clonePeers.get("from")).stream()
                .anyMatch(peer -> r.names.backupLabels().equals(get(peer, "podSelector.matchLabels"))));
    }

    @Test
    void aRestoreFetchesBeforeTheCloneStepAndOnlyThen() {
        var r = Rendered.of(with("staging", "restore", "{\"backup\":\"20261207T023000Z\",\"time\":"
                + "\"2026-12-07T10:15:00.25Z\",\"from\":{\"endpoint\":\"https://s3.example.com\",\"bucket\":"
                + "\"db-backups\",\"prefix\":\"prod/mysql\",\"existingSecret\":\"prod-backup-keys\"}}"));
        List<Map<String, Object>> init = get(r.podSpec(), "initContainers");
        assertEquals(List.of("init-config", "restore-fetch", "clone"), init.stream().map(c -> c.get("name")).toList());
        Map<String, Object> fetch = init.get(1);
        assertEquals("rclone/rclone:1.75.0", fetch.get("image"));
        assertEquals("20261207T023000Z", envValue(fetch, "RESTORE_BACKUP"));
        // 2026-12-07T10:15:00Z is 1796638500 s after the epoch (date -ud @1796638500)
        assertEquals("time:1796638500250000", envValue(fetch, "RESTORE_TARGET"));
        assertEquals("https://s3.example.com", envValue(fetch, "S3_ENDPOINT"));
        assertEquals("prod/mysql", envValue(fetch, "S3_PREFIX"));
        assertEquals("/etc/mysql-cluster-restore", envValue(fetch, "S3_KEYS_DIR"));
        assertEquals("prod-backup-keys", get(r.podSpec(), "volumes[restore-keys].secret.secretName"));
        assertEquals("/var/lib/mysql-volume/restore", envValue(fetch, "RESTORE_STAGE_DIR"));
        assertEquals(envValue(fetch, "RESTORE_STAGE_DIR"), envValue(init.get(2), "RESTORE_STAGE_DIR"),
                "the clone step restores what the fetch left");
        for (String script : List.of("restore-stage.sh", "restore-fetch.sh", "restore-logs.sh", "restore-datadir.sh",
                "replay-binlogs.sh", "restore-accounts.sh")) {
            assertTrue(r.configData().containsKey(script), script);
        }
        var gtid = Rendered.of(with("dev", "restore", "{\"backup\":\"latest\",\"gtid\":\"3E11FA47-71CA-11E1-9E33-"
                .toLowerCase() + "c80aa9429562:1-5, 3e11fa47-71ca-11e1-9e33-c80aa9429563:1\",\"from\":{\"endpoint\":"
                + "\"http://rgw.rook-ceph.svc:80\",\"bucket\":\"b-1\",\"prefix\":\"p\",\"existingSecret\":\"k\"}}"));
        var gtidFetch = (Map<String, Object>) get(gtid.podSpec(), "initContainers[restore-fetch]");
        assertEquals("gtid:3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,3e11fa47-71ca-11e1-9e33-c80aa9429563:1",
                envValue(gtidFetch, "RESTORE_TARGET"));
        assertNull(get(Rendered.stack("dev").podSpec(), "initContainers[restore-fetch]"));
    }

    @Test
    void validSchedulesAreTakenAsWritten() {
        for (String schedule : Set.of("@daily", "*/15 * * * *", "0 3 * * 1-5", "0 0 1,15 * *", "5 4 * * 0,7")) {
            var r = Rendered.of(with("staging", "backup", "{\"enabled\":true,\"schedule\":\"" + schedule
                    + "\",\"s3\":{\"endpoint\":\"https://s3.example.com\",\"bucket\":\"b-1\",\"existingSecret\":\"k\"}}"));
            assertEquals(schedule, get(r.cronJob(), "spec.schedule"));
        }
    }
}
