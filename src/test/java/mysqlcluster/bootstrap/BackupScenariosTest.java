package mysqlcluster.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mysqlcluster.cluster.PodLayout;
import mysqlcluster.settings.Engine;
import mysqlcluster.settings.EngineVersion;
import mysqlcluster.settings.Password;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A full backup of each engine under a writer, to the harness's real S3 server, taken from the replica, and restored
 * into a new datadir: the manifest names the engine, version, GTID position, size and sha256 of the data; the
 * restored datadir holds exactly the writer's rows up to that position (no more, none missing, the same as the
 * primary's) and, for MySQL, that GTID set. MySQL's job clones the replica (backup-clone.sh) and streams the copy;
 * MariaDB's streams the replica's mariadb-backup straight from its sidecar.
 */
class BackupScenariosTest {
    static final String STORE_HOST = "objects.rook-ceph.svc";
    static final String BUCKET = "backups";
    static final Duration CALL = Duration.ofMinutes(5);

    @RegisterExtension
    final ScenarioCluster cluster = new ScenarioCluster();

    @ParameterizedTest(name = ScenarioCluster.ON_ENGINE)
    @MethodSource("mysqlcluster.bootstrap.ScenarioCluster#engines")
    void aFullBackupUnderAWriterRestoresToItsManifestsPosition(EngineVersion engine) throws IOException {
        var b = Bench.start(cluster, engine);
        var sts = b.sts();
        var db = cluster.db();
        var store = b.store();
        Path work = b.work();
        Path keys = b.keys();

        db.createTable("w");
        db.awaitCaughtUp(1);
        long before = sequence(db.primaryGtid());
        var uploader = uploaderEnv(sts, engine, store);
        Host.Result backup;
        try (var writer = new Writer(db.root(0), "w", 1)) {
            writer.awaitCommits(50);
            backup = runBackup(sts, engine, work, keys, uploader, CALL);
            writer.awaitCommits(20);
        }
        assertEquals(0, backup.exit(), backup.out() + backup.err());
        for (String secret : List.of(store.secretKey(), store.accessKey(), BootstrapStack.password(Password.BACKUP))) {
            assertFalse((backup.out() + backup.err()).contains(secret), "a key or password in the backup's output");
        }

        // parts of 6 MiB: at most 10,000 of them hold 60,000 MiB, and rclone says so
        assertTrue(backup.err().contains("Streaming uploads using chunk size 6Mi will have maximum file size of 58.594Gi"),
                backup.err());

        var manifest = manifest(store);
        assertEquals(engine.engine().id(), manifest.get("engine"));
        assertTrue(manifest.get("version").startsWith(engine.series() + "."), manifest.toString());
        assertTrue(manifest.get("sha256").matches("[0-9a-f]{64}"), manifest.toString());
        assertTrue(Long.parseLong(manifest.get("size")) > 0, manifest.toString());

        Path restore = Files.createDirectories(work.resolve("restore"));
        Host.check("chown", "-R", "999:999", restore.toString());
        var fetch = UploaderScript.run(sts, Map.of(keys, "/keys"), Map.of(restore, "/restore"),
                env(uploader, List.of("sh", "/scripts/restore-fetch.sh", "latest", "/restore")));
        assertEquals(0, fetch.exit(), fetch.out() + fetch.err());
        Host.check("chown", "-R", "999:999", restore.toString());
        var unpack = ServerScript.command(sts, engine, work).bind(restore, "/restore", false)
                .run(List.of("env", "CONFIG_DIR=/config", ServerScript.PORT,
                        "CLONE_MEMORY_MIB=256", "bash", "/config/restore-datadir.sh", "/restore"), null, CALL);
        assertEquals(0, unpack.exit(), unpack.out() + unpack.err());

        var rows = ServerScript.command(sts, engine, work).bind(restore, "/restore", false)
                .run(List.of("env", "CONFIG_DIR=/config", ServerScript.PORT, "bash",
                        "/config/sql-on-datadir.sh", "/restore/datadir"), "SELECT COUNT(*), MIN(id), MAX(id) FROM app.w; "
                        + "SELECT COUNT(*) FROM app.t;" + (engine.engine() == Engine.MYSQL ? " SELECT @@GLOBAL.gtid_executed;" : ""),
                        CALL);
        assertEquals(0, rows.exit(), rows.out() + rows.err());
        List<String> out = rows.out().strip().lines().toList();
        String[] w = out.get(0).split("\t");
        long count = Long.parseLong(w[0]);
        assertTrue(count >= 50, "the backup holds " + count + " writer rows, the writer had committed 50 before it");
        assertEquals(List.of("1", Long.toString(count)), List.of(w[1], w[2]), "the writer's rows 1 to n, none missing");
        assertEquals("1000", out.get(1));
        assertEquals(before + count, sequence(manifest.get("gtid")),
                "the manifest's position is the writer's last transaction in the backup");
        if (engine.engine() == Engine.MYSQL) {
            assertEquals(BinlogIndexScenariosTest.normalize(manifest.get("gtid")),
                    BinlogIndexScenariosTest.normalize(String.join("", out.subList(2, out.size()))));
        }
        var primary = db.root(0).rows("SELECT COUNT(*), SUM(CRC32(CONCAT(id, payload))) FROM app.w WHERE id <= " + count);
        var restored = ServerScript.command(sts, engine, work).bind(restore, "/restore", false)
                .run(List.of("env", "CONFIG_DIR=/config", ServerScript.PORT, "bash",
                        "/config/sql-on-datadir.sh", "/restore/datadir"),
                        "SELECT COUNT(*), SUM(CRC32(CONCAT(id, payload))) FROM app.w", CALL);
        assertEquals(String.join("\t", primary.get(0)), restored.out().strip());
    }

    /** MySQL: backup-clone.sh in the server image, then backup-full.sh; MariaDB: backup-full.sh alone. */
    static Host.Result runBackup(EmulatedStatefulSet sts, EngineVersion engine, Path work, Path keys,
                                         Map<String, String> uploader, Duration timeout) throws IOException {
        var env = new LinkedHashMap<>(uploader);
        var binds = new LinkedHashMap<Path, String>();
        if (engine.engine() == Engine.MYSQL) {
            Path clone = Files.createDirectories(work.resolve("clone"));
            Host.check("chown", "-R", "999:999", clone.toString());
            var cloned = ServerScript.command(sts, engine, work).bind(clone, "/clone", false)
                    .run(List.of("env", "CONFIG_DIR=/config", ServerScript.PORT, "CLONE_DIR=/clone",
                            "DONOR=" + uploader.get("DONOR"), "CLONE_RETRIES=3", "CLONE_RETRY_SECONDS=5",
                            "CLONE_MEMORY_MIB=256", "BACKUP_USER=" + PodLayout.BACKUP_USER,
                            "BACKUP_PASSWORD=" + BootstrapStack.password(Password.BACKUP),
                            "bash", "/config/backup-clone.sh"), null, CALL);
            if (!cloned.ok()) {
                return cloned;
            }
            env.put("CLONE_DIR", "/clone");
            binds.put(clone, "/clone");
        } else {
            env.put("CLONE_PORT", Integer.toString(PodLayout.CLONE_PORT));
        }
        return UploaderScript.run(sts, Map.of(keys, "/keys"), binds, env(env, List.of("sh", "/scripts/backup-full.sh")),
                timeout);
    }

    /** A backup killed halfway (its upload slowed down, then the job killed) leaves no backup a restore takes, and
     * its donor replicating; the next one completes and restores. */
    @ParameterizedTest(name = ScenarioCluster.ON_ENGINE)
    @MethodSource("mysqlcluster.bootstrap.ScenarioCluster#engines")
    void aBackupKilledHalfwayLeavesNothingToRestoreAndItsDonorReplicating(EngineVersion engine) throws IOException {
        var b = Bench.start(cluster, engine);
        var sts = b.sts();
        var uploader = uploaderEnv(sts, engine, b.store());

        var slow = new LinkedHashMap<>(uploader);
        slow.put("RCLONE_BWLIMIT", "256k");
        var killed = runBackup(sts, engine, b.work(), b.keys(), slow, Duration.ofSeconds(4));
        assertEquals(-1, killed.exit(), "the backup was to be killed halfway:\n" + killed.out() + killed.err());
        Path restore = Files.createDirectories(b.work().resolve("restore"));
        var nothing = UploaderScript.run(sts, Map.of(b.keys(), "/keys"), Map.of(restore, "/restore"),
                env(uploader, List.of("sh", "/scripts/restore-fetch.sh", "latest", "/restore")));
        assertEquals(1, nothing.exit(), nothing.out() + nothing.err());
        assertTrue(nothing.err().contains("no finished backup"), nothing.err());

        var db = cluster.db();
        db.insertRows("t", 1001, 10);
        db.awaitCaughtUp(1);
        db.assertReplicating(1);
        var next = runBackup(sts, engine, b.work(), b.keys(), uploader, CALL);
        assertEquals(0, next.exit(), next.out() + next.err());
        var fetched = UploaderScript.run(sts, Map.of(b.keys(), "/keys"), Map.of(restore, "/restore"),
                env(uploader, List.of("sh", "/scripts/restore-fetch.sh", "latest", "/restore")));
        assertEquals(0, fetched.exit(), fetched.out() + fetched.err());
    }

    /**
     * The archiver copies every closed binary log with its index, each once; the archive plans a restore through
     * the last transaction; files purged before it saw them are a gap, recorded and counted, and no plan crosses it.
     */
    @ParameterizedTest(name = ScenarioCluster.ON_ENGINE)
    @MethodSource("mysqlcluster.bootstrap.ScenarioCluster#engines")
    void theArchiveHoldsEveryTransactionAndReportsAGap(EngineVersion engine) throws IOException {
        var b = Bench.start(cluster, engine);
        var db = cluster.db();
        var primary = db.root(0);
        db.createTable("w");
        primary.query("FLUSH BINARY LOGS");
        try (var writer = new Writer(primary, "w", 1)) {
            writer.awaitCommits(30);
        }
        primary.query("FLUSH BINARY LOGS");
        long beforeFirst = java.time.Instant.now().getEpochSecond();
        var first = archivePass(b, engine);
        assertEquals(0, first.exit(), first.out() + first.err());
        long caughtUp = metric(b, "mysql_cluster_binlog_archive_caught_up_timestamp_seconds");
        assertTrue(caughtUp >= beforeFirst && caughtUp <= java.time.Instant.now().getEpochSecond(),
                "caught up at the end of the pass: " + caughtUp);
        assertEquals(0, metric(b, "mysql_cluster_binlog_archive_last_gap_timestamp_seconds"), "no gap recorded");
        var logs = primary.rows("SHOW BINARY LOGS").stream().map(r -> r.get(0)).toList();
        var closed = logs.subList(0, logs.size() - 1);
        assertEquals(archived(b, ".index"), closed, "every closed file's index");
        assertEquals(archived(b, ""), closed, "every closed file");
        assertTrue(Files.readString(b.metrics().resolve("archive.prom")).contains("mysql_cluster_binlog_archive_pending_files 0"));

        db.insertRows("t", 1001, 5);
        primary.query("FLUSH BINARY LOGS");
        var second = archivePass(b, engine);
        assertEquals(0, second.exit(), second.out() + second.err());
        assertEquals(1, second.err().lines().filter(l -> l.contains(" archived ")).count(), second.err());
        Path indexes = downloadIndexes(b);
        var plan = UploaderScript.plan(b.sts(), "", "latest", sorted(indexes));
        assertEquals(0, plan.exit(), plan.out() + plan.err());
        assertEquals("last " + lastGtid(db), plan.out().strip().lines().reduce((x, y) -> y).orElseThrow(),
                "the archive ends at the primary's last transaction");

        // retention deletes the oldest archived file while the server still keeps it: it is never archived again,
        // and no gap is recorded (the file is older than the archive's newest)
        String oldest = closed.get(0);
        for (String object : List.of(oldest, oldest + ".index")) {
            b.store().rclone(List.of("deletefile", ":s3:" + BUCKET + "/mysql/binlog/" + object), null, CALL).check();
        }
        var afterRetention = archivePass(b, engine);
        assertEquals(0, afterRetention.exit(), afterRetention.out() + afterRetention.err());
        assertFalse(afterRetention.err().contains("GAP") || afterRetention.err().contains(" archived "),
                afterRetention.err());
        assertFalse(archived(b, "").contains(oldest), "not archived again");
        assertEquals(List.of(), gapRecords(b));

        db.insertRows("t", 1006, 5);
        primary.query("FLUSH BINARY LOGS");
        db.purgePrimaryBinaryLogs(); // the files since the last pass are gone, unarchived
        db.insertRows("t", 1011, 5);
        primary.query("FLUSH BINARY LOGS");
        long beforeGap = java.time.Instant.now().getEpochSecond();
        var third = archivePass(b, engine);
        assertEquals(0, third.exit(), third.out() + third.err());
        assertTrue(third.err().contains("GAP: "), third.err());
        assertEquals(1, gapRecords(b).size());
        assertTrue(Files.readString(b.metrics().resolve("archive.prom")).contains("mysql_cluster_binlog_archive_gaps_total 1"));
        long gapAt = metric(b, "mysql_cluster_binlog_archive_last_gap_timestamp_seconds");
        assertTrue(gapAt >= beforeGap - 1 && gapAt <= java.time.Instant.now().getEpochSecond(),
                "the gap record's time (what MySQLBinlogArchiveGap compares with the last backup): " + gapAt);
        var refused = UploaderScript.plan(b.sts(), "", "latest", sorted(downloadIndexes(b)));
        assertEquals(1, refused.exit(), refused.out());
        assertTrue(refused.err().contains("gap before"), refused.err());

        // another server's file of an archived name (a cluster made anew under the same prefix): never overwritten
        Path other = Files.createDirectories(b.work().resolve("another-server"));
        String name = archived(b, "").get(0);
        Files.write(other.resolve(name), new byte[] {(byte) 0xfe, 'b', 'i', 'n', 1, 2, 3});
        Files.writeString(other.resolve(PodLayout.BINLOG_BASENAME + ".index"),
                "./" + name + "\n./" + PodLayout.BINLOG_BASENAME + ".999999\n");
        Host.check("chown", "-R", "999:999", other.toString());
        var sizeBefore = archivedSizes(b);
        var conflict = archivePass(b, engine, other);
        assertEquals(0, conflict.exit(), conflict.out() + conflict.err());
        assertTrue(conflict.err().contains("CONFLICT: the archive's " + name + " ("), conflict.err());
        assertEquals(sizeBefore, archivedSizes(b), "nothing archived is overwritten");
        assertTrue(gapRecords(b).contains(name), "the conflict is recorded like a gap: " + gapRecords(b));

        // a server whose newest closed file comes before the archive's newest, which lacks it: another server's archive
        Path behind = Files.createDirectories(b.work().resolve("server-behind"));
        String early = PodLayout.BINLOG_BASENAME + ".000000";
        Files.write(behind.resolve(early), new byte[] {(byte) 0xfe, 'b', 'i', 'n', 4, 5, 6});
        Files.writeString(behind.resolve(PodLayout.BINLOG_BASENAME + ".index"),
                "./" + early + "\n./" + PodLayout.BINLOG_BASENAME + ".999998\n");
        Host.check("chown", "-R", "999:999", behind.toString());
        var behindPass = archivePass(b, engine, behind);
        assertEquals(0, behindPass.exit(), behindPass.out() + behindPass.err());
        assertTrue(behindPass.err().contains("CONFLICT: the archive reaches "), behindPass.err());
        assertTrue(gapRecords(b).contains(early), "recorded like a gap: " + gapRecords(b));
        assertEquals(sizeBefore, archivedSizes(b), "nothing archived");
        assertTrue(Files.readString(b.metrics().resolve("archive.prom")).contains("mysql_cluster_binlog_archive_gaps_total 1"));
    }

    /** A multipart upload to KEY that stops after its first 5 MiB part: rclone killed mid-stream. */
    private static void startUnfinishedUpload(Bench b, String key) throws IOException {
        Path input = b.work().resolve("twelve-mebibytes");
        if (!Files.exists(input)) {
            Files.write(input, new byte[12 << 20]);
        }
        var cut = b.store().rclone(List.of("rcat", "--s3-chunk-size", "5M", "--bwlimit", "1M",
                ":s3:" + BUCKET + "/" + key), input, Duration.ofSeconds(8));
        assertEquals(-1, cut.exit(), "the upload was to be cut off: " + cut.out() + cut.err());
    }

    /** The keys of the bucket's unfinished multipart uploads, sorted. */
    private static List<String> unfinishedUploads(Bench b) throws IOException {
        var listing = b.store().rclone(List.of("backend", "list-multipart-uploads", ":s3:" + BUCKET), null, CALL)
                .check().out();
        var keys = new ArrayList<String>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(listing).path(BUCKET)
                .forEach(upload -> keys.add(upload.path("Key").asText()));
        return keys.stream().sorted().toList();
    }

    private static List<String> gapRecords(Bench b) {
        return b.store().rclone(List.of("lsf", ":s3:" + BUCKET + "/mysql/gaps"), null, CALL).check().out().strip()
                .lines().toList();
    }

    /** A sample's value in the archiver's metrics file. */
    private static long metric(Bench b, String name) throws IOException {
        return Files.readString(b.metrics().resolve("archive.prom")).lines().filter(l -> l.startsWith(name + " "))
                .map(l -> Long.parseLong(l.substring(name.length() + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in the metrics file"));
    }

    private static List<String> archivedSizes(Bench b) {
        return b.store().rclone(List.of("lsf", "--format", "ps", ":s3:" + BUCKET + "/mysql/binlog"), null, CALL).check()
                .out().strip().lines().sorted().toList();
    }

    /**
     * Retention keeps the newest backups and the archived binary logs the oldest kept one needs: an older backup and
     * the files before it go, the newest file always stays, and the oldest kept backup still plans to the end.
     */
    @ParameterizedTest(name = ScenarioCluster.ON_ENGINE)
    @MethodSource("mysqlcluster.bootstrap.ScenarioCluster#engines")
    void retentionKeepsTheNewestBackupsAndTheLogsTheyNeed(EngineVersion engine) throws IOException {
        var b = Bench.start(cluster, engine);
        var db = cluster.db();
        var uploader = uploaderEnv(b.sts(), engine, b.store());
        for (int round = 0; round < 3; round++) {
            db.insertRows("t", 2000 + round * 10L, 10);
            db.awaitCaughtUp(1);
            ClusterNetwork.sleep(1100); // backup ids are whole seconds
            assertEquals(0, runBackup(b.sts(), engine, b.work(), b.keys(), uploader, CALL).exit());
            db.root(0).query("FLUSH BINARY LOGS");
            assertEquals(0, archivePass(b, engine).exit());
        }
        var backups = b.store().rclone(List.of("lsf", "--dirs-only", ":s3:" + BUCKET + "/mysql/full"), null, CALL)
                .check().out().strip().lines().toList();
        var files = archived(b, "");
        assertEquals(3, backups.size(), backups.toString());

        // a backup's upload cut off after its first part, and an archiver's upload still running: both unfinished
        String deadBackup = "mysql/full/20200101T000000Z/data.tar";
        String runningArchive = "mysql/binlog/mysql-bin.999999";
        startUnfinishedUpload(b, deadBackup);
        startUnfinishedUpload(b, runningArchive);
        assertEquals(List.of(runningArchive, deadBackup), unfinishedUploads(b));

        var env = new LinkedHashMap<>(uploader);
        env.put("KEEP_BACKUPS", "2");
        env.put("UNFINISHED_UPLOAD_MAX_AGE_SECONDS", "1");
        var kept = UploaderScript.run(b.sts(), Map.of(b.keys(), "/keys"), Map.of(),
                env(env, List.of("sh", "/scripts/retention.sh")));
        assertEquals(0, kept.exit(), kept.out() + kept.err());
        assertEquals(List.of(runningArchive), unfinishedUploads(b), "the dead backup's upload aborted, only it");
        assertTrue(kept.err().contains("kept 2 of 3 finished backups, from " + backups.get(1).replace("/", "")),
                kept.err());
        assertEquals(backups.subList(1, 3), b.store().rclone(List.of("lsf", "--dirs-only", ":s3:" + BUCKET
                + "/mysql/full"), null, CALL).check().out().strip().lines().toList(), "the two newest backups");
        var left = archived(b, "");
        assertTrue(left.size() < files.size() && left.get(left.size() - 1).equals(files.get(files.size() - 1)),
                "older files deleted, the newest kept: " + files + " -> " + left);
        assertEquals(left, archived(b, ".index"), "each file kept with its index");
        String oldestKept = manifestOf(b.store(), backups.get(1)).get("gtid");
        var plan = UploaderScript.plan(b.sts(), oldestKept, "latest", sorted(downloadIndexes(b)));
        assertEquals(0, plan.exit(), "the oldest kept backup still restores to the end: " + plan.err());

        env.put("KEEP_BACKUPS", "0");
        var refused = UploaderScript.run(b.sts(), Map.of(b.keys(), "/keys"), Map.of(),
                env(env, List.of("sh", "/scripts/retention.sh")));
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("KEEP_BACKUPS must be 1 or more, not 0"), refused.err());
    }

    /**
     * A point-in-time restore from the bucket: a backup, rows with the times they were written, a DROP TABLE, the
     * archive; restored to a moment between two rows (restore-fetch.sh, restore-logs.sh, restore-datadir.sh,
     * replay-binlogs.sh), exactly the rows written by then come back and the table is not dropped.
     */
    @ParameterizedTest(name = ScenarioCluster.ON_ENGINE)
    @MethodSource("mysqlcluster.bootstrap.ScenarioCluster#engines")
    void aPointInTimeRestoreFromTheBucketBringsBackExactlyTheRowsWrittenBy(EngineVersion engine) throws IOException {
        var b = Bench.start(cluster, engine);
        var uploader = uploaderEnv(b.sts(), engine, b.store());
        var db = cluster.db();
        var primary = db.root(0);
        primary.query("CREATE TABLE app.p (id INT PRIMARY KEY) ENGINE=InnoDB");
        db.awaitCaughtUp(1);
        assertEquals(0, runBackup(b.sts(), engine, b.work(), b.keys(), uploader, CALL).exit());
        var starts = new ArrayList<java.time.Instant>();
        for (int row = 1; row <= 3; row++) {
            ClusterNetwork.sleep(1100); // MariaDB's events carry whole seconds
            starts.add(java.time.Instant.now());
            primary.query("INSERT INTO app.p VALUES (" + row + ")");
        }
        primary.query("DROP TABLE app.p");
        primary.query("FLUSH BINARY LOGS");
        assertEquals(0, archivePass(b, engine).exit());
        var target = starts.get(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusNanos(1000);

        Path restore = Files.createDirectories(b.work().resolve("restore"));
        Host.check("chown", "-R", "999:999", restore.toString());
        for (var step : List.of(List.of("sh", "/scripts/restore-fetch.sh", "latest", "/restore"),
                List.of("sh", "/scripts/restore-logs.sh", "time:" + BinlogIndexScenariosTest.micros(target), "/restore"))) {
            var result = UploaderScript.run(b.sts(), Map.of(b.keys(), "/keys"), Map.of(restore, "/restore"),
                    env(uploader, step));
            assertEquals(0, result.exit(), result.out() + result.err());
        }
        Host.check("chown", "-R", "999:999", restore.toString());
        for (var step : List.of(List.of("restore-datadir.sh", "/restore"),
                List.of("replay-binlogs.sh", "/restore/datadir", "/restore/binlogs", "/restore/plan"))) {
            var command = new ArrayList<>(List.of("env", "CONFIG_DIR=/config", ServerScript.PORT,
                    "CLONE_MEMORY_MIB=256", "bash", "/config/" + step.get(0)));
            command.addAll(step.subList(1, step.size()));
            var result = ServerScript.command(b.sts(), engine, b.work()).bind(restore, "/restore", false)
                    .run(command, null, CALL);
            assertEquals(0, result.exit(), result.out() + result.err());
        }
        var rows = ServerScript.command(b.sts(), engine, b.work()).bind(restore, "/restore", false)
                .run(List.of("env", "CONFIG_DIR=/config", ServerScript.PORT, "bash",
                        "/config/sql-on-datadir.sh", "/restore/datadir"),
                        "SELECT GROUP_CONCAT(id ORDER BY id) FROM app.p; SELECT COUNT(*) FROM app.t;", CALL);
        assertEquals(0, rows.exit(), rows.out() + rows.err());
        assertEquals(List.of("1,2", "1000"), rows.out().strip().lines().toList());
    }

    private Host.Result archivePass(Bench b, EngineVersion engine) {
        return archivePass(b, engine, b.sts().datadir(0));
    }

    /** One pass of the archiver over BINLOG_DIR (the primary's datadir, or a stand-in for another server's). */
    private Host.Result archivePass(Bench b, EngineVersion engine, Path binlogDir) {
        var env = uploaderEnv(b.sts(), engine, b.store());
        env.put("BINLOG_DIR", "/binlogs");
        env.put("BINLOG_BASENAME", PodLayout.BINLOG_BASENAME);
        env.put("METRICS_FILE", "/metrics/archive.prom");
        env.put("ONCE", "1");
        return UploaderScript.run(b.sts(), Map.of(b.keys(), "/keys", binlogDir, "/binlogs"),
                Map.of(b.metrics(), "/metrics"), env(env, List.of("sh", "/scripts/archive-binlogs.sh")));
    }

    /** The archive's names ending in SUFFIX, the suffix taken off (binary logs: "", their indexes: ".index"). */
    private static List<String> archived(Bench b, String suffix) {
        return b.store().rclone(List.of("lsf", ":s3:" + BUCKET + "/mysql/binlog"), null, CALL).check().out().strip()
                .lines().filter(n -> suffix.isEmpty() ? !n.endsWith(".index") : n.endsWith(suffix))
                .map(n -> n.substring(0, n.length() - suffix.length())).sorted().toList();
    }

    private static Path downloadIndexes(Bench b) throws IOException {
        Path dir = b.work().resolve("indexes-" + System.nanoTime());
        Files.createDirectories(dir);
        b.store().download(":s3:" + BUCKET + "/mysql/binlog", "*.index", dir);
        return dir;
    }

    private static List<Path> sorted(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    static String lastGtid(ClusterChecks db) {
        String set = db.primaryGtid();
        String part = BinlogIndexScenariosTest.normalize(set).get(0);
        if (part.matches("\\d+-\\d+-\\d+")) {
            return part;
        }
        return part.substring(0, part.indexOf(':')) + ":" + part.replaceAll(".*[-:]", "");
    }

    /**
     * A running two-pod cluster, the object store with its bucket, the test's directory, the bucket's keys and the
     * archiver's metrics directory.
     */
    record Bench(EmulatedStatefulSet sts, HarnessObjectStore store, Path work, Path keys, Path metrics) {
        static Bench start(ScenarioCluster cluster, EngineVersion engine) throws IOException {
            var sts = cluster.startWithRows(engine, 2);
            var store = HarnessObjectStore.start(sts, STORE_HOST, 1L << 30);
            store.makeBucket(BUCKET);
            Path work = sts.runDirectory().resolve("backup");
            return new Bench(sts, store, work, BackupScenariosTest.keys(work, store),
                    Files.createDirectories(work.resolve("metrics")));
        }
    }

    static Map<String, String> uploaderEnv(EmulatedStatefulSet sts, EngineVersion engine, HarnessObjectStore store) {
        var uploader = new LinkedHashMap<String, String>();
        uploader.put("ENGINE", engine.engine().id());
        uploader.put("DONOR", donor(sts));
        uploader.put("S3_ENDPOINT", store.endpoint());
        uploader.put("S3_BUCKET", BUCKET);
        uploader.put("S3_PREFIX", "mysql");
        uploader.put("S3_KEYS_DIR", "/keys");
        uploader.put("STREAM_CHUNK_SIZE", "6M");
        return uploader;
    }

    /** The replica the backup is taken from, as the pods name it. */
    static String donor(EmulatedStatefulSet sts) {
        var t = sts.template();
        return t.owner() + "-1." + t.serviceName();
    }

    /** The number of a GTID set's single source's last transaction (the cluster's primary wrote every one). */
    static long sequence(String set) {
        var parts = BinlogIndexScenariosTest.normalize(set);
        assertEquals(1, parts.size(), "one source: " + set);
        String last = parts.get(0).replaceAll(".*[-:]", "");
        return Long.parseLong(last);
    }

    static Map<String, String> manifest(HarnessObjectStore store) {
        var dirs = store.rclone(List.of("lsf", "--dirs-only", ":s3:" + BUCKET + "/mysql/full"), null, CALL).check()
                .out().strip().lines().toList();
        assertEquals(1, dirs.size(), dirs.toString());
        return manifestOf(store, dirs.get(0));
    }

    /** The manifest of the backup in DIR ("id/"). */
    static Map<String, String> manifestOf(HarnessObjectStore store, String dir) {
        var text = store.rclone(List.of("cat", ":s3:" + BUCKET + "/mysql/full/" + dir + "manifest"), null, CALL)
                .check().out();
        var values = new LinkedHashMap<String, String>();
        text.lines().forEach(l -> values.put(l.substring(0, l.indexOf(' ')), l.substring(l.indexOf(' ') + 1)));
        return values;
    }

    /** The bucket's keys as files, as the Secret is mounted. */
    static Path keys(Path work, HarnessObjectStore store) throws IOException {
        Path keys = Files.createDirectories(work.resolve("keys"));
        Files.writeString(keys.resolve("AWS_ACCESS_KEY_ID"), store.accessKey());
        Files.writeString(keys.resolve("AWS_SECRET_ACCESS_KEY"), store.secretKey());
        return keys;
    }

    static List<String> env(Map<String, String> env, List<String> command) {
        var argv = new ArrayList<String>();
        env.forEach((k, v) -> argv.add(k + "=" + v));
        argv.addAll(command);
        return argv;
    }
}
