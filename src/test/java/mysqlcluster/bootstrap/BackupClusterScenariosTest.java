package mysqlcluster.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mysqlcluster.cluster.PodLayout;
import mysqlcluster.render.Renderer;
import mysqlcluster.render.SecretValues;
import mysqlcluster.settings.BackupSettings;
import mysqlcluster.settings.EngineVersion;
import mysqlcluster.settings.Password;
import mysqlcluster.settings.RestoreSettings;
import mysqlcluster.settings.S3Location;
import mysqlcluster.settings.Settings;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The backup objects as rendered, on the emulated cluster, against the harness's object store standing in for Rook's:
 * the harness answers the ObjectBucketClaim as Rook would (a bucket, and the claim's ConfigMap and Secret). The pods'
 * archiver and the sidecar's rotation keep every commit of a slow writer within the RPO of the bucket; a new cluster
 * rendered with restore.* makes pod 0 from the backup and the archive, to a point in time, with its own passwords,
 * and the replica clones from it; a restore never touches a datadir that exists.
 */
class BackupClusterScenariosTest {
    private static final String STORE_HOST = BackupScenariosTest.STORE_HOST;
    private static final Duration CALL = Duration.ofMinutes(5);
    private static final int RPO_MINUTES = 1;
    /** The new cluster's root password: not the backup's, so its accounts must be given it. */
    private static final String NEW_ROOT_PASSWORD = "restored root 'pw' #6 $x";

    @RegisterExtension
    final ScenarioCluster cluster = new ScenarioCluster();

    @ParameterizedTest(name = ScenarioCluster.ON_ENGINE)
    @MethodSource("mysqlcluster.bootstrap.ScenarioCluster#engines")
    void everyCommitReachesTheBucketWithinTheRpoAndARestoreTakesTheClusterBackToAPointInTime(EngineVersion engine)
            throws IOException {
        String accessKey = "HARNESS" + UUID.randomUUID().toString().replace("-", "").substring(0, 13).toUpperCase();
        String secretKey = UUID.randomUUID().toString().replace("-", "");
        String bucket = "mysql-backup-" + UUID.randomUUID().toString().substring(0, 8);
        var backup = new BackupSettings(true, "0 3 * * *", 7, RPO_MINUTES, "harness", null, null, S3Location.NONE);
        Settings withBackups = with(BootstrapStack.settings(engine), backup, RestoreSettings.DEFAULTS);
        var manifests = new ArrayList<>(Renderer.render(withBackups, new SecretValues(BootstrapStack.PASSWORDS)));
        String namespace = withBackups.cluster().namespace();
        String claim = withBackups.cluster().name() + "-backup";
        // what Rook makes for the claim: the endpoint and bucket, and the keys
        manifests.add(configMap(namespace, claim, Map.of("BUCKET_HOST", STORE_HOST, "BUCKET_PORT",
                Integer.toString(HarnessObjectStore.PORT), "BUCKET_NAME", bucket)));
        manifests.add(secret(namespace, claim, Map.of("AWS_ACCESS_KEY_ID", accessKey, "AWS_SECRET_ACCESS_KEY", secretKey)));

        var sts = cluster.start(engine, manifests, EmulatedStatefulSet.Options.defaults());
        var store = HarnessObjectStore.start(sts, STORE_HOST, 1L << 30, accessKey, secretKey);
        assertEquals(0, store.rclone(List.of("mkdir", ":s3:" + bucket), null, CALL).exit());
        sts.scaleTo(2, ScenarioCluster.READY);
        var db = cluster.db();
        var primary = db.root(0);
        primary.query("CREATE TABLE app.r (id INT PRIMARY KEY, at DATETIME(6) NOT NULL) ENGINE=InnoDB");
        db.awaitCaughtUp(1);

        // the full backup the CronJob takes (its pod is not emulated yet): the same scripts, from the replica
        String prefix = namespace + "/" + withBackups.cluster().name();
        Path work = Files.createDirectories(sts.runDirectory().resolve("backup"));
        Path keys = BackupScenariosTest.keys(work, store);
        var uploader = new LinkedHashMap<>(BackupScenariosTest.uploaderEnv(sts, engine, store));
        uploader.put("S3_BUCKET", bucket);
        uploader.put("S3_PREFIX", prefix);
        var taken = BackupScenariosTest.runBackup(sts, engine, work, keys, uploader, CALL);
        assertEquals(0, taken.exit(), taken.out() + taken.err());

        // a slow writer: a commit every few seconds, each timed until its GTID is in an archived index
        var commits = new ArrayList<Instant>();
        var gtids = new ArrayList<String>();
        for (int row = 1; row <= 5; row++) {
            ClusterNetwork.sleep(4000);
            commits.add(Instant.now());
            primary.query("INSERT INTO app.r VALUES (" + row + ", NOW(6))");
            gtids.add(BackupScenariosTest.lastGtid(db));
        }
        var archivedAt = awaitArchived(store, bucket, prefix, gtids, Duration.ofMinutes(RPO_MINUTES + 1));
        long worst = 0;
        for (int i = 0; i < gtids.size(); i++) {
            long delay = Duration.between(commits.get(i), archivedAt.get(gtids.get(i))).toSeconds();
            worst = Math.max(worst, delay);
        }
        System.out.printf("archive on %s: the slowest of %d commits was in the bucket after %d s (RPO %d s)%n",
                engine, gtids.size(), worst, RPO_MINUTES * 60);
        assertTrue(worst <= RPO_MINUTES * 60L, "a commit reached the bucket after " + worst + " s");

        // a new cluster in the same place, restored to the moment before row 4
        Instant target = commits.get(3).truncatedTo(ChronoUnit.SECONDS).minusNanos(1000);
        var restore = new RestoreSettings("latest", target.toString(), null,
                new S3Location("http://" + STORE_HOST + ":" + HarnessObjectStore.PORT, bucket, prefix, "old-backups"));
        var passwords = new EnumMap<>(BootstrapStack.PASSWORDS);
        passwords.put(Password.ROOT, NEW_ROOT_PASSWORD);
        // its own backups off: it would archive under the prefix it restores from (refused for a platform bucket)
        var noBackups = new BackupSettings(false, "0 3 * * *", 7, RPO_MINUTES, "harness", null, null, S3Location.NONE);
        var restored = new ArrayList<>(Renderer.render(with(BootstrapStack.settings(engine), noBackups, restore),
                new SecretValues(passwords)));
        restored.add(configMap(namespace, claim, Map.of("BUCKET_HOST", STORE_HOST, "BUCKET_PORT",
                Integer.toString(HarnessObjectStore.PORT), "BUCKET_NAME", bucket)));
        restored.add(secret(namespace, claim, Map.of("AWS_ACCESS_KEY_ID", accessKey, "AWS_SECRET_ACCESS_KEY", secretKey)));
        restored.add(secret(namespace, "old-backups", Map.of("AWS_ACCESS_KEY_ID", accessKey,
                "AWS_SECRET_ACCESS_KEY", secretKey)));
        sts.scaleTo(0, ScenarioCluster.READY);
        sts.deleteClaim(PodLayout.DATA_VOLUME, 0);
        sts.deleteClaim(PodLayout.DATA_VOLUME, 1);
        sts.update(restored);
        sts.scaleTo(2, Duration.ofMinutes(5));

        for (int ordinal : new int[] {0, 1}) {
            var root = sts.client(ordinal, "root", NEW_ROOT_PASSWORD);
            assertEquals("1,2,3", root.value("SELECT GROUP_CONCAT(id ORDER BY id) FROM app.r"), "pod " + ordinal);
        }
        String fetchLog = sts.pod(0).current(PodLayout.RESTORE_FETCH_CONTAINER).log();
        assertTrue(fetchLog.contains("fetched: backup of"), fetchLog);

        // pod 0 again, its datadir there: the restore is not done twice, and its rows stay
        var primaryAgain = sts.client(0, "root", NEW_ROOT_PASSWORD);
        primaryAgain.query("INSERT INTO app.r VALUES (10, NOW(6))");
        sts.recreatePod(0, ScenarioCluster.READY);
        String again = sts.pod(0).current(PodLayout.RESTORE_FETCH_CONTAINER).log();
        assertTrue(again.contains("a datadir exists: nothing to restore"), again);
        assertEquals("1,2,3,10", sts.client(0, "root", NEW_ROOT_PASSWORD)
                .value("SELECT GROUP_CONCAT(id ORDER BY id) FROM app.r"));
    }

    /** When each GTID first appears in an archived index (polled every second), within TIMEOUT. */
    private static Map<String, Instant> awaitArchived(HarnessObjectStore store, String bucket, String prefix,
                                                      List<String> gtids, Duration timeout) throws IOException {
        var seen = new LinkedHashMap<String, Instant>();
        Instant end = Instant.now().plus(timeout);
        while (seen.size() < gtids.size() && Instant.now().isBefore(end)) {
            var listing = store.rclone(List.of("cat", "--include", "*.index", ":s3:" + bucket + "/" + prefix
                    + "/binlog/"), null, CALL);
            Instant now = Instant.now();
            for (String line : listing.out().split("\n")) {
                String[] f = line.split(" ");
                if (f.length >= 2 && f[0].equals("gtid") && gtids.contains(f[1])) {
                    seen.putIfAbsent(f[1], now);
                }
            }
            ClusterNetwork.sleep(1000);
        }
        assertEquals(gtids, gtids.stream().filter(seen::containsKey).toList(), "archived within " + timeout);
        return seen;
    }

    private static Settings with(Settings s, BackupSettings backup, RestoreSettings restore) {
        return new Settings(s.cluster(), s.images(), s.storage(), s.resources(), s.scheduling(), s.network(),
                s.credentials(), s.rollout(), s.server(), s.monitoring(), backup, restore, s.passwords());
    }

    private static Map<String, Object> configMap(String namespace, String name, Map<String, String> data) {
        return Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", name, "namespace", namespace),
                "data", data);
    }

    private static Map<String, Object> secret(String namespace, String name, Map<String, String> values) {
        var data = new LinkedHashMap<String, String>();
        values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return Map.of("apiVersion", "v1", "kind", "Secret", "metadata", Map.of("name", name, "namespace", namespace),
                "data", data);
    }
}
