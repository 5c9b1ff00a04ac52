package mysqlcluster.bootstrap;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import mysqlcluster.cluster.PodLayout;
import mysqlcluster.render.Renderer;
import mysqlcluster.render.SecretValues;
import mysqlcluster.settings.BackupSettings;
import mysqlcluster.settings.EngineVersion;
import mysqlcluster.settings.RestoreSettings;
import mysqlcluster.settings.S3Location;
import mysqlcluster.settings.Settings;

/**
 * One engine at one size of the backup benchmark, on a cluster of its own: the bootstrap stack with backups into the
 * harness's object store (answering the bucket claim as Rook does; keepBackups 1, so that the store's memory holds
 * two backups at most), pod 0 loaded ({@link BenchDataset}), pod 1 cloned from it, the backups' donor. Then, timed:
 * a backup while {@link PacedWriter} commits on the primary, with the archive's delays over the whole write
 * ({@link ArchiveDelays}); rounds of a backup job ({@link BackupRun}) and its floor ({@link ObjectStoreFloor#up});
 * rounds of the restore floor and a restore of the latest backup into the same StatefulSet, rendered with restore.*
 * ({@link RestoreRun}), whose rows are checked at the end.
 */
final class BackupBench implements AutoCloseable {
    static final String WRITER_TABLE = "paced";
    private static final String RESTORE_SECRET = "old-backups";

    private final BenchCluster cluster;
    private final HarnessObjectStore store;
    private final BackupBenchmarkOptions options;
    private final double gib;
    private final String bucket;
    private final String prefix;
    private final List<Map<String, Object>> manifests;
    private final List<Map<String, Object>> restored;

    private BackupBench(BenchCluster cluster, HarnessObjectStore store, BackupBenchmarkOptions options, double gib,
                        String bucket, String prefix, List<Map<String, Object>> manifests,
                        List<Map<String, Object>> restored) {
        this.cluster = cluster;
        this.store = store;
        this.options = options;
        this.gib = gib;
        this.bucket = bucket;
        this.prefix = prefix;
        this.manifests = manifests;
        this.restored = restored;
    }

    static BackupBench start(EngineVersion engine, double gib, BackupBenchmarkOptions options) {
        String accessKey = "BENCH" + UUID.randomUUID().toString().replace("-", "").substring(0, 15).toUpperCase(Locale.ROOT);
        String secretKey = UUID.randomUUID().toString().replace("-", "");
        String bucket = "mysql-backup-bench";
        var backup = new BackupSettings(true, "0 3 * * *", 1, options.rpoMinutes(), "harness", null, null, S3Location.NONE);
        Settings settings = BackupStack.with(BootstrapStack.settings(engine), backup, RestoreSettings.DEFAULTS);
        String namespace = settings.cluster().namespace();
        String prefix = namespace + "/" + settings.cluster().name();
        var claimObjects = BackupStack.rookClaimObjects(namespace, settings.cluster().name() + "-backup", bucket,
                accessKey, secretKey);
        var manifests = new ArrayList<>(Renderer.render(settings, new SecretValues(BootstrapStack.PASSWORDS)));
        manifests.addAll(claimObjects);

        var from = new S3Location("http://" + BackupScenariosTest.STORE_HOST + ":" + HarnessObjectStore.PORT, bucket,
                prefix, RESTORE_SECRET);
        var noBackups = new BackupSettings(false, "0 3 * * *", 1, options.rpoMinutes(), "harness", null, null,
                S3Location.NONE);
        var restored = new ArrayList<>(Renderer.render(BackupStack.with(BootstrapStack.settings(engine), noBackups,
                new RestoreSettings("latest", null, null, from)), new SecretValues(BootstrapStack.PASSWORDS)));
        restored.addAll(claimObjects);
        restored.add(BackupStack.secret(namespace, RESTORE_SECRET, Map.of("AWS_ACCESS_KEY_ID", accessKey,
                "AWS_SECRET_ACCESS_KEY", secretKey)));

        var cluster = BenchCluster.start(engine, manifests);
        try {
            // two backups (the kept one and the next) and the floor's object, with room to spare
            long memstore = (long) (gib * 3.5 * CloneBenchmark.GIB) + (1L << 30);
            var store = HarnessObjectStore.start(cluster.sts(), BackupScenariosTest.STORE_HOST, memstore, accessKey,
                    secretKey);
            store.makeBucket(bucket);
            return new BackupBench(cluster, store, options, gib, bucket, prefix, manifests, restored);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    void run(BackupBenchReport report) {
        report.server(cluster.serverVersion(), cluster.sts().image().name());
        var data = new BenchDataset(cluster);
        data.growTo((long) (gib * CloneBenchmark.GIB));
        cluster.sts().scaleTo(2, Duration.ofMinutes(30));
        cluster.db().awaitCaughtUp(1);
        report.dataset(gib, data.bytes(), data.rows());
        BenchCluster.log(String.format(Locale.ROOT, "%s GiB: donor datadir %.0f MiB, %,d rows; pod 1 cloned", gib,
                data.bytes() / (double) BenchCluster.MIB, data.rows()));

        var backup = new BackupRun(cluster, manifests);
        String chunkSize = PodTemplate.fromCronJob(manifests).container(PodLayout.BACKUP_UPLOAD_CONTAINER).env().stream()
                .filter(e -> e.name().equals("STREAM_CHUNK_SIZE")).findFirst().orElseThrow().value();
        var floor = new ObjectStoreFloor(cluster, store, bucket, chunkSize);
        report.underWriter(gib, underWriter(backup));
        store.collectGarbage();
        for (int round = 0; round < options.warmups() + options.runs(); round++) {
            cluster.settle();
            record(report, BackupBenchReport.Method.BACKUP, round, backup.measure());
            store.collectGarbage();
            cluster.settle();
            record(report, BackupBenchReport.Method.BACKUP_FLOOR, round, floor.up(cluster.sts().datadir(1)));
        }
        report.stored(gib, storedBytes());

        long writerRows = cluster.db().root(0).number("SELECT COUNT(*) FROM app." + WRITER_TABLE);
        var restore = new RestoreRun(cluster, restored);
        for (int round = 0; round < options.warmups() + options.restoreRuns(); round++) {
            cluster.settle();
            record(report, BackupBenchReport.Method.RESTORE_FLOOR, round, floor.down());
            record(report, BackupBenchReport.Method.RESTORE, round, restore.measure());
        }
        floor.remove();
        var root = cluster.db().root(0);
        long rows = root.number(data.rowCountSql());
        long written = root.number("SELECT COUNT(*) FROM app." + WRITER_TABLE);
        if (rows != data.rows() || written != writerRows) {
            throw new IllegalStateException("the restored pod 0 holds " + rows + " bench rows and " + written
                    + " writer rows; the backup had " + data.rows() + " and " + writerRows);
        }
        BenchCluster.log(String.format(Locale.ROOT, "restored pod 0 holds the backup's %,d rows and the writer's %,d",
                rows, written));
        report.notes(cluster.notes());
    }

    private void record(BackupBenchReport report, BackupBenchReport.Method method, int round, BenchSample s) {
        boolean warmup = round < options.warmups();
        BenchCluster.log(String.format(Locale.ROOT, "%s GiB %s %s: stream %.2f s, disk %.2f s, extra %.2f s", gib,
                method, warmup ? "warm-up" : "run " + (round - options.warmups() + 1), s.stream(), s.disk(), s.extra()));
        if (!warmup) {
            report.add(gib, method, s);
        }
    }

    /**
     * A backup job while the writer commits on the primary for at least --writer-seconds; then, once its last commit
     * is archived, how long each of its commits took to reach the bucket.
     */
    private BackupBenchReport.UnderWriter underWriter(BackupRun backup) {
        cluster.settle();
        // whole seconds: MariaDB's commit times are, and the writer's first commits would count as before it began
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        BenchSample sample;
        PacedWriter.Written written;
        ArchiveDelays.Result delays;
        String archived = ":s3:" + bucket + "/" + prefix + "/binlog/";
        try (var archive = new ArchiveDelays(store, archived, cluster.fresh("indexes"));
             var writer = new PacedWriter(cluster.db().root(0), WRITER_TABLE, options.writerRate(),
                     cluster.dir().resolve("writer.log"))) {
            long t0 = System.nanoTime();
            sample = backup.measure();
            long left = Duration.ofSeconds(options.writerSeconds()).toNanos() - (System.nanoTime() - t0);
            if (left > 0) {
                ClusterNetwork.sleep(left / 1_000_000);
            }
            written = writer.finish();
            delays = archive.measure(BackupScenariosTest.lastGtid(cluster.db()), from,
                    Duration.ofMinutes(options.rpoMinutes() + 2L));
        }
        if (delays.commits() < written.commits()) {
            throw new IllegalStateException(written.commits() + " commits written, " + delays.commits() + " archived");
        }
        BenchCluster.log(String.format(Locale.ROOT, "%s GiB under a writer: %,d commits at %.0f/s, backup %.1f s,"
                        + " archive delay median %.1f s, p99 %.1f s, max %.1f s", gib, written.commits(), written.rate(),
                sample.disk(), delays.median(), delays.p99(), delays.max()));
        return new BackupBenchReport.UnderWriter(written, delays, sample);
    }

    /** The size of the kept backup's data object. */
    private long storedBytes() {
        String out = store.rclone(List.of("lsl", "--include", "data.*", ":s3:" + bucket + "/" + prefix + "/full/"), null,
                Duration.ofMinutes(1)).check().out().strip();
        return out.lines().mapToLong(l -> Long.parseLong(l.strip().split("\\s+")[0])).max().orElse(0);
    }

    @Override
    public void close() {
        cluster.close();
    }
}
