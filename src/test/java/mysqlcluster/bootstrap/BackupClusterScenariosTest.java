package mysqlcluster.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
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
 * the harness answers the ObjectBucketClaim as Rook would (a bucket, and the claim's ConfigMap and Secret). The
 * CronJob's jobs take full backups from the primary while it is the only pod, then from the ready replica; a job pod
 * killed halfway is retried by its Job, leaves nothing in the bucket, and its donor replicates on. The pods' archiver
 * and the sidecar's rotation keep every commit of a slow writer within the RPO of the bucket, and a real Prometheus
 * sees the archive fall behind when the bucket is cut off; a new cluster rendered with restore.* makes pod 0 from the
 * latest backup and the archive (its first fetch, without the bucket, failing and the next succeeding), to a point
 * in time, with its own passwords, and the replica clones from it; a restore never touches a datadir that exists.
 */
class BackupClusterScenariosTest {
    private static final String STORE_HOST = BackupScenariosTest.STORE_HOST;
    private static final Duration CALL = Duration.ofMinutes(5);
    private static final int RPO_MINUTES = 1;
    private static final String ARCHIVE_BEHIND = "MySQLBinlogArchiveBehind";
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
        Settings withBackups = BackupStack.with(BootstrapStack.settings(engine), backup, RestoreSettings.DEFAULTS);
        var manifests = new ArrayList<>(Renderer.render(withBackups, new SecretValues(BootstrapStack.PASSWORDS)));
        String namespace = withBackups.cluster().namespace();
        var claimObjects = BackupStack.rookClaimObjects(namespace, withBackups.cluster().name() + "-backup", bucket, accessKey,
                secretKey);
        manifests.addAll(claimObjects);

        var sts = cluster.start(engine, manifests, EmulatedStatefulSet.Options.defaults());
        var store = HarnessObjectStore.start(sts, STORE_HOST, 1L << 30, accessKey, secretKey);
        store.makeBucket(bucket);
        String prefix = namespace + "/" + withBackups.cluster().name();
        String replica = sts.template().owner() + "-1." + sts.template().serviceName();

        // the primary alone: the CronJob's job takes the backup from it, and says so
        sts.scaleTo(1, ScenarioCluster.READY);
        try (var job = EmulatedJob.start(sts, manifests, 1)) {
            assertEquals("Complete", job.awaitFinished(CALL), job.describe());
            String donor = job.pods().get(0).current(PodLayout.BACKUP_DONOR_CONTAINER).log();
            assertTrue(donor.contains("no replica is ready: the backup is taken from the primary "
                    + sts.template().owner() + "-0."), donor);
        }

        sts.scaleTo(2, ScenarioCluster.READY);
        var db = cluster.db();
        var primary = db.root(0);
        primary.query("CREATE TABLE app.r (id INT PRIMARY KEY, at DATETIME(6) NOT NULL) ENGINE=InnoDB");
        db.awaitCaughtUp(1);

        // the next job's pod is killed while it uploads; the Job's second pod takes the backup from the ready replica
        try (var job = EmulatedJob.start(sts, manifests, 2)) {
            var first = job.awaitPod(0, CALL);
            first.awaitProcess(PodLayout.BACKUP_UPLOAD_CONTAINER, CALL,
                    argv -> argv.size() > 1 && argv.get(0).endsWith("rclone") && argv.contains("rcat"));
            job.kill(first);
            assertEquals("Complete", job.awaitFinished(CALL), job.describe());
            assertEquals(2, job.pods().size(), job.describe());
            String donor = job.pods().get(1).current(PodLayout.BACKUP_DONOR_CONTAINER).log();
            assertTrue(donor.contains("the backup is taken from the ready replica " + replica), donor);
        }
        db.awaitCaughtUp(1);
        db.assertReplicating(1);
        // two backups, each finished: the killed upload left no object behind
        var backups = store.rclone(List.of("lsf", "--dirs-only", ":s3:" + bucket + "/" + prefix + "/full"), null, CALL)
                .check().out().strip().lines().toList();
        assertEquals(2, backups.size(), backups.toString());
        for (String dir : backups) {
            var files = store.rclone(List.of("lsf", ":s3:" + bucket + "/" + prefix + "/full/" + dir), null, CALL)
                    .check().out().strip().lines().toList();
            assertTrue(files.contains("manifest"), dir + " holds " + files);
        }

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

        // the archive's metrics, as Prometheus reads them from the archiver's port: the primary's caught up within
        // the RPO and without a gap; a replica's page is empty
        var primaryPage = metricsPage(sts, 0);
        assertTrue(primaryPage.contains("Content-Type: text/plain"), primaryPage);
        long caughtUp = sample(primaryPage, "mysql_cluster_binlog_archive_caught_up_timestamp_seconds");
        assertTrue(Instant.now().getEpochSecond() - caughtUp <= RPO_MINUTES * 60L, primaryPage);
        assertEquals(0, sample(primaryPage, "mysql_cluster_binlog_archive_last_gap_timestamp_seconds"), primaryPage);
        String replicaPage = metricsPage(sts, 1);
        assertTrue(replicaPage.startsWith("HTTP/1.1 200") && replicaPage.endsWith("\r\n\r\n"), replicaPage);

        // a real Prometheus (the rendered PodMonitor and PrometheusRule) scrapes both archivers; the primary cut off
        // from the bucket falls behind, and MySQLBinlogArchiveBehind fires within the RPO of its last caught-up pass;
        // back on the network, the archive catches up and the alert resolves
        var prometheus = HarnessPrometheus.start(sts, manifests);
        String pod0 = sts.pod(0).name();
        Await.until(Duration.ofSeconds(30), "both archivers scraped, the primary's archive metrics read",
                () -> prometheus.query("up{container=\"" + PodLayout.ARCHIVER_CONTAINER + "\"} == 1").size() == 2
                        && prometheus.query("mysql_cluster_binlog_archive_caught_up_timestamp_seconds").size() == 1,
                prometheus::describe);
        assertFalse(prometheus.active(ARCHIVE_BEHIND, pod0), prometheus.describe());
        String route = store.address() + "/32";
        Host.check("ip", "-n", sts.pod(0).netns(), "route", "add", "blackhole", route);
        Instant cut = Instant.now();
        Await.until(Duration.ofSeconds(RPO_MINUTES * 60L + 30), ARCHIVE_BEHIND + " firing",
                () -> prometheus.firing(ARCHIVE_BEHIND, pod0, Map.of()), prometheus::describe);
        long fired = Duration.between(cut, Instant.now()).toSeconds();
        Host.check("ip", "-n", sts.pod(0).netns(), "route", "del", "blackhole", route);
        Instant back = Instant.now();
        Await.until(Duration.ofMinutes(4), ARCHIVE_BEHIND + " resolved",
                () -> !prometheus.active(ARCHIVE_BEHIND, pod0), prometheus::describe);
        System.out.printf("archive alert on %s: %s firing %d s after the bucket was cut off (RPO %d s), resolved %d s"
                + " after it was back%n", engine, ARCHIVE_BEHIND, fired, RPO_MINUTES * 60,
                Duration.between(back, Instant.now()).toSeconds());
        assertTrue(fired <= RPO_MINUTES * 60L + 5, ARCHIVE_BEHIND + " fired " + fired + " s after the cut");

        // a new cluster in the same place, restored to the moment before row 4
        Instant target = commits.get(3).truncatedTo(ChronoUnit.SECONDS).minusNanos(1000);
        var restore = new RestoreSettings("latest", target.toString(), null,
                new S3Location("http://" + STORE_HOST + ":" + HarnessObjectStore.PORT, bucket, prefix, "old-backups"));
        var passwords = new EnumMap<>(BootstrapStack.PASSWORDS);
        passwords.put(Password.ROOT, NEW_ROOT_PASSWORD);
        // its own backups off: it would archive under the prefix it restores from (refused for a platform bucket)
        var noBackups = new BackupSettings(false, "0 3 * * *", 7, RPO_MINUTES, "harness", null, null, S3Location.NONE);
        var restored = new ArrayList<>(Renderer.render(
                BackupStack.with(BootstrapStack.settings(engine), noBackups, restore), new SecretValues(passwords)));
        restored.addAll(claimObjects);
        restored.add(BackupStack.secret(namespace, "old-backups", Map.of("AWS_ACCESS_KEY_ID", accessKey,
                "AWS_SECRET_ACCESS_KEY", secretKey)));
        sts.scaleTo(0, ScenarioCluster.READY);
        sts.deleteClaim(PodLayout.DATA_VOLUME, 0);
        sts.deleteClaim(PodLayout.DATA_VOLUME, 1);
        sts.update(restored);
        // pod 0's first fetch finds the bucket unreachable and fails; the kubelet starts the step again, which fetches
        // anew and restores
        var fetchStarts = new AtomicInteger();
        sts.onContainerStart((pod, container) -> {
            if (pod.ordinal() == 0 && container.equals(PodLayout.RESTORE_FETCH_CONTAINER)) {
                switch (fetchStarts.incrementAndGet()) {
                    case 1 -> Host.check("ip", "-n", pod.netns(), "route", "add", "blackhole", route);
                    case 2 -> Host.check("ip", "-n", pod.netns(), "route", "del", "blackhole", route);
                    default -> { }
                }
            }
        });
        sts.scaleTo(2, Duration.ofMinutes(5));
        var fetches = sts.pod(0).runs(PodLayout.RESTORE_FETCH_CONTAINER);
        assertEquals(2, fetches.size(), sts.pod(0).describe());
        assertTrue(fetches.get(0).exitCode() != 0, "the fetch without the bucket failed:\n" + fetches.get(0).log());
        assertEquals(0, fetches.get(1).exitCode(), fetches.get(1).log());

        for (int ordinal : new int[] {0, 1}) {
            var root = sts.client(ordinal, "root", NEW_ROOT_PASSWORD);
            assertEquals("1,2,3", root.value("SELECT GROUP_CONCAT(id ORDER BY id) FROM app.r"), "pod " + ordinal);
        }
        String fetchLog = sts.pod(0).current(PodLayout.RESTORE_FETCH_CONTAINER).log();
        assertTrue(fetchLog.contains("fetched: backup of"), fetchLog);
        String newest = backups.get(1).replace("/", "");
        assertTrue(fetchLog.contains(newest), "the latest backup, " + newest + ", restored:\n" + fetchLog);

        // pod 0 again, its datadir there: the restore is not done twice, and its rows stay
        var primaryAgain = sts.client(0, "root", NEW_ROOT_PASSWORD);
        primaryAgain.query("INSERT INTO app.r VALUES (10, NOW(6))");
        sts.recreatePod(0, ScenarioCluster.READY);
        String again = sts.pod(0).current(PodLayout.RESTORE_FETCH_CONTAINER).log();
        assertTrue(again.contains("a datadir exists: nothing to restore"), again);
        assertEquals("1,2,3,10", sts.client(0, "root", NEW_ROOT_PASSWORD)
                .value("SELECT GROUP_CONCAT(id ORDER BY id) FROM app.r"));
    }

    /** The archiver's metrics page of pod ORDINAL, with the response's head, fetched from the client namespace. */
    private static String metricsPage(EmulatedStatefulSet sts, int ordinal) {
        var page = Host.run(List.of("ip", "netns", "exec", sts.clientNamespace(), "curl", "-sS", "-i", "http://"
                + sts.pod(ordinal).address() + ":" + PodLayout.ARCHIVE_METRICS_PORT + "/"
                + PodLayout.ARCHIVE_METRICS_FILE_NAME), null, null, Duration.ofSeconds(10));
        assertEquals(0, page.exit(), page.err());
        return page.out();
    }

    private static long sample(String page, String name) {
        return page.lines().filter(l -> l.startsWith(name + " ")).map(l -> Long.parseLong(l.substring(name.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in:\n" + page));
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
}
