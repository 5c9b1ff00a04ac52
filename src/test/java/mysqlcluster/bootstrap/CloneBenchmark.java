package mysqlcluster.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mysqlcluster.cluster.PodLayout;
import mysqlcluster.settings.Password;

/**
 * The clone benchmark of issue 8 (a main, not a test): clones a 1 GiB and a 2 GiB datadir from pod 0 to pod 1 of the
 * emulated StatefulSet through the project's own scripts exactly as rendered (pod 1's "clone" init container, which
 * streams from pod 0's sidecar, serve-backup.sh), and compares it in the same run, warm-up then median of N, with
 * <ul>
 *   <li>(a) {@code cp -a} of pod 0's datadir (page cache; context only);</li>
 *   <li>(b) the transport floor {@code tar -cf - | socat -b 1048576 | tar -xf -} from pod 0's to pod 1's network
 *       namespace;</li>
 *   <li>(c) the clone: stream + receive + --prepare until clone.sh exits (datadir ready to start);</li>
 *   <li>(d) logical {@code mariadb-dump --single-transaction | mariadb} from pod 0 into a fresh server in pod 1's
 *       network namespace.</li>
 * </ul>
 * Each is timed to the end of the stream and until the destination is on disk (a {@code sync} after the command, the
 * scripts' own {@code sync -f} for (c)). For (c) the end of the stream is the moment clone.sh logs "preparing the
 * backup" (written right after its receive step returned: socat and mbstream exited and the end-of-stream file was
 * found), seen by polling the container's log file every 2 ms; --prepare's own duration is the lifetime of the
 * {@code mariadb-backup --prepare} process. Then the clone runs once more while a writer commits to the primary.
 *
 * <p>Options: {@code --sizes=1,2} (GiB of datadir), {@code --runs=3}, {@code --warmups=1}, {@code --logical-runs=N}
 * and {@code --logical-warmups=N} (default: as --runs/--warmups), {@code --writer=true}, {@code --out=FILE} (the
 * markdown table is also written there). Runs as root from the repository root; everything it makes lives in the
 * harness's namespaces and run directory and goes when it ends (also on failure or Ctrl-C).
 */
public final class CloneBenchmark {
    static final String CLONE = PodLayout.CLONE_CONTAINER;
    static final String SIDECAR = PodLayout.SIDECAR_CONTAINER;
    static final int FLOOR_PORT = 4444;
    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;
    static final int ROWS_PER_CHUNK = 250_000;

    enum Method {
        CP("(a) cp -a"), TAR("(b) tar \\| socat \\| tar"), CLONE("(c) clone (scripts)"), LOGICAL("(d) dump \\| mariadb");

        final String label;

        Method(String label) {
            this.label = label;
        }
    }

    /** One timed run: seconds to the end of the stream, seconds until on disk; prepare seconds for (c). */
    record Sample(double stream, double disk, double prepare) {
    }

    record Options(List<Integer> sizes, int runs, int warmups, int logicalRuns, int logicalWarmups, boolean writer,
                   Path out) {
        static Options parse(String[] args) {
            var m = new LinkedHashMap<String, String>();
            for (String a : args) {
                if (!a.startsWith("--") || !a.contains("=")) {
                    throw new IllegalArgumentException("options are --name=value, not " + a);
                }
                m.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            }
            int runs = Integer.parseInt(m.getOrDefault("runs", "3"));
            int warmups = Integer.parseInt(m.getOrDefault("warmups", "1"));
            return new Options(
                    java.util.Arrays.stream(m.getOrDefault("sizes", "1,2").split(",")).map(Integer::parseInt).toList(),
                    runs, warmups,
                    Integer.parseInt(m.getOrDefault("logical-runs", Integer.toString(runs))),
                    Integer.parseInt(m.getOrDefault("logical-warmups", Integer.toString(warmups))),
                    Boolean.parseBoolean(m.getOrDefault("writer", "true")),
                    Path.of(m.getOrDefault("out", "/tmp/work/bench-table.md")));
        }
    }

    private final EmulatedStatefulSet sts;
    private final Options options;
    private final Path benchDir;
    private final Map<Integer, Map<Method, List<Sample>>> results = new LinkedHashMap<>();
    private final Map<Integer, Long> datadirBytes = new LinkedHashMap<>();
    private final Map<Integer, Long> clonedBytes = new LinkedHashMap<>();
    private final Map<Integer, Long> rows = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private Sample writerSample;
    private long writerDatadirBytes;
    private String writerNote = "";
    private int nextTable = 1;
    private long nextId = 1;

    private CloneBenchmark(EmulatedStatefulSet sts, Options options) {
        this.sts = sts;
        this.options = options;
        this.benchDir = sts.runDirectory().resolve("bench");
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        requireHost();
        try (var sts = EmulatedStatefulSet.of(BootstrapStack.manifests(mysqlcluster.settings.EngineVersion.MARIADB_10_11))) {
            new CloneBenchmark(sts, options).run();
        }
    }

    private static void requireHost() {
        var missing = new ArrayList<String>();
        if (!Host.isRoot()) {
            missing.add("root");
        }
        for (String tool : List.of("ip", "unshare", "nsenter", "setpriv", "socat", "mariadbd", "mariadb-install-db",
                "mariadb", "mariadb-dump", "mariadb-backup", "mbstream", "tar", "cp", "sync", "du")) {
            if (!Host.onPath(tool)) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the clone benchmark needs " + missing);
        }
    }

    // ------------------------------------------------------------------------------------------------ the run

    private void run() throws IOException {
        Files.createDirectories(benchDir);
        log("run directory " + sts.runDirectory());
        sts.scaleTo(1, Duration.ofSeconds(180));
        sts.awaitSidecarStarted(0, Duration.ofSeconds(120));
        root(0).query("CREATE TABLE IF NOT EXISTS app.bench_writes (id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                + "payload VARCHAR(255) NOT NULL) ENGINE=InnoDB");
        for (int size : options.sizes()) {
            growDatadirTo(size * GIB);
            settleDonor();
            sync();
            datadirBytes.put(size, du(sts.datadir(0)));
            rows.put(size, nextId - 1);
            log(String.format("dataset %d GiB: datadir %.0f MiB", size, datadirBytes.get(size) / (double) MIB));
            var perMethod = new LinkedHashMap<Method, List<Sample>>();
            for (Method m : Method.values()) {
                perMethod.put(m, new ArrayList<>());
            }
            results.put(size, perMethod);
            int rounds = Math.max(options.warmups() + options.runs(), options.logicalWarmups() + options.logicalRuns());
            for (int round = 0; round < rounds; round++) {
                for (Method m : Method.values()) {
                    boolean logical = m == Method.LOGICAL;
                    int warm = logical ? options.logicalWarmups() : options.warmups();
                    int timed = logical ? options.logicalRuns() : options.runs();
                    if (round >= warm + timed) {
                        continue;
                    }
                    boolean warmup = round < warm;
                    Sample s = measure(m, size);
                    log(String.format("%d GiB %s %s: stream %.2f s, on disk %.2f s%s", size, m.label,
                            warmup ? "warm-up" : "run " + (round - warm + 1), s.stream(), s.disk(),
                            m == Method.CLONE ? String.format(", --prepare %.2f s", s.prepare()) : ""));
                    if (!warmup) {
                        perMethod.get(m).add(s);
                    }
                }
            }
            clonedBytes.put(size, du(sts.datadir(1)));
            writeTable();
        }
        if (options.writer()) {
            cloneUnderWriter();
        }
        if (overlapped > 0) {
            note(overlapped + " of " + measured + " timed runs overlapped another harness run on this machine (CPU and "
                    + "disk shared): " + String.join(", ", others));
        }
        String table = writeTable();
        System.out.println();
        System.out.println(table);
    }

    private Sample measure(Method m, int size) {
        settle();
        measured++;
        var seen = otherRuns();
        if (!seen.isEmpty()) {
            overlapped++;
            others.addAll(seen);
        }
        return switch (m) {
            case CP -> copy(size);
            case TAR -> transportFloor(size);
            case CLONE -> cloneRun();
            case LOGICAL -> logical(size);
        };
    }

    private int measured;
    private int overlapped;
    private final java.util.Set<String> others = new java.util.TreeSet<>();

    /** Harness runs of other live JVMs (a test suite running meanwhile shares the 2 CPUs and the disk). */
    private java.util.Set<String> otherRuns() {
        var found = new java.util.TreeSet<String>();
        try (var runs = Files.list(EmulatedStatefulSet.ROOT)) {
            for (Path run : runs.filter(Files::isDirectory).toList()) {
                String id = run.getFileName().toString();
                if (!run.equals(sts.runDirectory()) && RunIds.ownerAlive(id)) {
                    found.add(id);
                }
            }
        } catch (IOException e) {
            // only a note
        }
        return found;
    }

    /** Before each timed run: no dirty pages from the previous one, nothing else running. */
    private void settle() {
        if (sts.pods().containsKey(1)) {
            sts.awaitSidecarStarted(1, Duration.ofSeconds(120));
        }
        sync();
        ClusterNetwork.sleep(1000);
    }

    // ------------------------------------------------------------------------------------------------ dataset

    /**
     * Grows app's data on the primary until the datadir holds the target bytes: 1M-row INSERT ... SELECT from the
     * sequence engine, each one transaction, with the session's binary log off (the rows reach replicas through the
     * clone, and the binary log would double the datadir).
     */
    private void growDatadirTo(long target) {
        long started = System.nanoTime();
        String table = "app.bench_" + nextTable++;
        root(0).query("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, k INT NOT NULL, "
                + "payload VARCHAR(255) NOT NULL) ENGINE=InnoDB");
        while (du(sts.datadir(0)) < target) {
            long first = nextId;
            long last = first + ROWS_PER_CHUNK - 1;
            root(0).query("SET SESSION sql_log_bin = 0; INSERT INTO " + table + " (id, k, payload) SELECT seq, seq % 1000, "
                    + "CONCAT(MD5(seq), ' ', REPEAT('x', 150), ' ', SHA1(seq)) FROM app.seq_" + first + "_to_" + last);
            nextId = last + 1;
        }
        log(String.format("loaded %s up to %d rows in %.1f s", table, nextId - 1, seconds(started)));
    }

    /**
     * After a bulk load the donor is busy for minutes flushing dirty pages (and a backup then has redo to apply):
     * flushes them now (innodb_max_dirty_pages_pct 0 for a moment) and waits for the checkpoint to catch up, so the
     * runs start from an idle donor. The setting is restored afterwards.
     */
    private void settleDonor() {
        long t0 = System.nanoTime();
        String pct = root(0).value("SELECT @@GLOBAL.innodb_max_dirty_pages_pct");
        root(0).query("SET GLOBAL innodb_max_dirty_pages_pct = 0");
        try {
            Await.until(Duration.ofMinutes(5), "the donor's dirty pages flushed and its checkpoint caught up", () -> {
                var status = new LinkedHashMap<String, Long>();
                for (var row : root(0).rows("SHOW GLOBAL STATUS WHERE Variable_name IN "
                        + "('Innodb_buffer_pool_pages_dirty', 'Innodb_checkpoint_age')")) {
                    status.put(row.get(0), Long.parseLong(row.get(1)));
                }
                boolean done = status.getOrDefault("Innodb_buffer_pool_pages_dirty", 1L) == 0
                        && status.getOrDefault("Innodb_checkpoint_age", 0L) < MIB;
                if (!done) {
                    ClusterNetwork.sleep(1000);
                }
                return done;
            });
        } catch (AssertionError e) {
            note("the donor did not settle within 5 minutes after loading; runs started anyway: " + e.getMessage().lines().findFirst().orElse(""));
        } finally {
            root(0).query("SET GLOBAL innodb_max_dirty_pages_pct = " + pct);
        }
        log(String.format("donor settled (dirty pages flushed, checkpoint caught up) in %.1f s", seconds(t0)));
    }

    // ------------------------------------------------------------------------------------------------ (a) cp -a

    private Sample copy(int size) {
        Path dest = fresh("cp");
        long t0 = System.nanoTime();
        Host.run(List.of("cp", "-a", sts.datadir(0).toString(), dest.resolve("mysql").toString()), null, null,
                Duration.ofMinutes(30)).check();
        double stream = seconds(t0);
        Host.run(List.of("sync", "-f", dest.toString()), null, null, Duration.ofMinutes(30)).check();
        double disk = seconds(t0);
        checkBytes("cp -a", dest.resolve("mysql"), size);
        ClusterNetwork.deleteTree(dest);
        return new Sample(stream, disk, 0);
    }

    // ------------------------------------------------------------------------------------------------ (b) floor

    /** tar in pod 0's namespace into a socat listener; pod 1's socat connects (like the clone does) and untars. */
    private Sample transportFloor(int size) {
        ensurePod1();
        Path dest = fresh("tar");
        String donor = sts.pod(0).host();
        long t0 = System.nanoTime();
        Process sender = start(List.of("ip", "netns", "exec", sts.pod(0).netns(), "bash", "-c",
                "set -o pipefail; tar -cf - -C \"$1\" . | socat -b 1048576 -u STDIN TCP-LISTEN:" + FLOOR_PORT + ",reuseaddr",
                "floor-sender", sts.datadir(0).toString()), benchDir.resolve("floor-sender.log"));
        Host.Result receiver = Host.run(List.of("ip", "netns", "exec", sts.pod(1).netns(), "bash", "-c",
                "set -o pipefail; socat -b 1048576 -u TCP:" + donor + ":" + FLOOR_PORT + ",retry=500,interval=0.01 STDOUT"
                        + " | tar -xf - -C \"$1\"", "floor-receiver", dest.toString()), null, null, Duration.ofMinutes(30));
        double stream = seconds(t0);
        receiver.check();
        Host.run(List.of("sync", "-f", dest.toString()), null, null, Duration.ofMinutes(30)).check();
        double disk = seconds(t0);
        int senderExit = waitFor(sender, Duration.ofSeconds(30));
        if (senderExit != 0) {
            // tar exits 1 when a file changed while it read it (the idle server's housekeeping): a warning only
            note("floor sender exit " + senderExit + ": " + readQuietly(benchDir.resolve("floor-sender.log")).strip());
        }
        checkBytes("tar | socat | tar", dest, size);
        ClusterNetwork.deleteTree(dest);
        return new Sample(stream, disk, 0);
    }

    // ------------------------------------------------------------------------------------------------ (c) clone

    /**
     * Pod 1 created from scratch (its retained volume emptied), so that its kubelet runs init-config and then the
     * clone init container exactly as rendered; timed from the clone container's start to its exit (clone.sh's own
     * sync -f included) plus a sync. Pod 1's server then starts and is deleted at the next run (not timed).
     */
    private Sample cloneRun() {
        sts.deletePod(1);
        emptyVolume(1);
        sync();
        EmulatedPod pod = sts.createPod(1);
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        ContainerRun run;
        while ((run = pod.current(CLONE)) == null) {
            check(deadline, pod);
            ClusterNetwork.sleep(1);
        }
        Instant started = run.started();
        Instant streamEnd = null;
        Instant prepareEnd = null;
        ProcessHandle prepare = null;
        long logLength = -1;
        while (run.running()) {
            check(deadline, pod);
            if (streamEnd == null) {
                long length = run.logFile().toFile().length();
                if (length != logLength) {
                    logLength = length;
                    if (run.log().contains("finishing the clone in")) {
                        streamEnd = Instant.now();
                    }
                }
            } else if (prepare == null) {
                Optional<ProcessHandle> found = run.findProcess(cmd -> cmd.contains("--prepare"));
                if (found.isPresent()) {
                    prepare = found.get();
                }
            } else if (prepareEnd == null && !prepare.isAlive()) {
                prepareEnd = Instant.now();
            }
            ClusterNetwork.sleep(streamEnd == null ? 2 : 1);
        }
        Instant exited = Instant.now();
        Integer code = run.exitCode();
        if (code == null || code != 0 || streamEnd == null) {
            throw new IllegalStateException("the clone of pod 1 failed (exit " + code + ")\n" + sts.describe());
        }
        if (prepareEnd == null) {
            // --prepare ended before it was seen running: up to the container's exit
            prepareEnd = exited;
            note("--prepare was not caught running in one clone run: its time there is up to the container's exit");
        }
        sync();
        Instant onDisk = Instant.now();
        if (!Files.exists(sts.datadir(1).resolve(".clone-complete"))) {
            throw new IllegalStateException("the clone left no .clone-complete marker\n" + run.log());
        }
        return new Sample(between(started, streamEnd), between(started, onDisk), between(streamEnd, prepareEnd));
    }

    private void check(long deadline, EmulatedPod pod) {
        if (System.nanoTime() > deadline || "Failed".equals(pod.phase())) {
            throw new IllegalStateException("the clone of pod 1 did not end\n" + sts.describe());
        }
    }

    /** Pod 1 (for its network namespace) after a clone; created once if no clone ran yet. */
    private void ensurePod1() {
        if (!sts.pods().containsKey(1)) {
            cloneRun();
        }
        sts.awaitSidecarStarted(1, Duration.ofSeconds(120));
    }

    private void emptyVolume(int ordinal) {
        Path volume = sts.datadir(ordinal).getParent();
        try (var children = Files.list(volume)) {
            for (Path p : children.toList()) {
                ClusterNetwork.deleteTree(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ (d) logical

    /**
     * A fresh server (mariadb-install-db, the image's defaults: 128 MiB buffer pool, InnoDB durability on, no binary
     * log, so the logical path is not charged for binlog writes) in pod 1's network namespace, reachable over its own
     * socket only; mariadb-dump in pod 1's namespace reads pod 0 over the pod network.
     */
    private Sample logical(int size) {
        ensurePod1();
        Path dir = fresh("logical");
        Path data = dir.resolve("data");
        Path socket = dir.resolve("s.sock");
        Host.run(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + data, "--user=root",
                "--auth-root-authentication-method=socket", "--skip-test-db", "--skip-name-resolve"), null, null,
                Duration.ofMinutes(2)).check();
        Process server = start(List.of("ip", "netns", "exec", sts.pod(1).netns(), "mariadbd", "--no-defaults",
                "--user=root", "--datadir=" + data, "--socket=" + socket, "--pid-file=" + dir.resolve("pid"),
                "--skip-networking", "--skip-log-bin"), dir.resolve("server.log"));
        try {
            Await.until(Duration.ofSeconds(60), "the fresh server", () -> Host.run(List.of("mariadb", "--no-defaults",
                    "--socket=" + socket, "-uroot", "-e", "SELECT 1"), null, null, Duration.ofSeconds(5)).ok(),
                    () -> readQuietly(dir.resolve("server.log")));
            Path donorOptions = clientOptions(dir.resolve("donor.cnf"), "root", BootstrapStack.password(Password.ROOT));
            sync();
            long t0 = System.nanoTime();
            Host.run(List.of("ip", "netns", "exec", sts.pod(1).netns(), "bash", "-c",
                    "set -o pipefail; mariadb-dump --defaults-file=\"$1\" --host=\"$2\" --port=\"$3\" --single-transaction"
                            + " --databases app | mariadb --no-defaults --socket=\"$4\" -uroot",
                    "logical", donorOptions.toString(), sts.pod(0).host(), Integer.toString(sts.mysqlPort()),
                    socket.toString()), null, null, Duration.ofHours(2)).check();
            double stream = seconds(t0);
            Host.run(List.of("sync", "-f", data.toString()), null, null, Duration.ofMinutes(30)).check();
            double disk = seconds(t0);
            long restored = Long.parseLong(Host.run(List.of("mariadb", "--no-defaults", "--socket=" + socket, "-uroot",
                    "-N", "-e", rowCountSql()), null, null, Duration.ofMinutes(5)).check().out().strip());
            long expected = root(0).number(rowCountSql());
            if (restored != expected) {
                throw new IllegalStateException("the logical copy has " + restored + " rows, the donor " + expected);
            }
            return new Sample(stream, disk, 0);
        } finally {
            server.destroy();
            waitFor(server, Duration.ofSeconds(60));
            ClusterNetwork.deleteTree(dir);
        }
    }

    private String rowCountSql() {
        var parts = new ArrayList<String>();
        for (int i = 1; i < nextTable; i++) {
            parts.add("(SELECT COUNT(*) FROM app.bench_" + i + ")");
        }
        return "SELECT " + String.join(" + ", parts);
    }

    // ------------------------------------------------------------------------------------------------ writer

    /**
     * The clone again, --runs times (median), while one client session in the client namespace commits 100-row
     * INSERTs as the app user to the primary back to back (binary-logged, durable: sync_binlog=1,
     * innodb_flush_log_at_trx_commit=1): the backup copies redo written during it, which --prepare then applies.
     */
    private void cloneUnderWriter() {
        Path options = clientOptions(benchDir.resolve("app.cnf"), "app", BootstrapStack.password(Password.APP));
        var samples = new ArrayList<Sample>();
        var redo = new ArrayList<Double>();
        long rowsWritten = 0;
        double secondsWriting = 0;
        writerDatadirBytes = du(sts.datadir(0));
        for (int run = 0; run < options().runs(); run++) {
            long before = root(0).number("SELECT COUNT(*) FROM app.bench_writes");
            settle();
            Process writer = start(List.of("ip", "netns", "exec", sts.clientNamespace(), "bash", "-c",
                    "while :; do echo \"INSERT INTO app.bench_writes (payload) SELECT CONCAT(MD5(seq), ' ', REPEAT('w', 150))"
                            + " FROM seq_1_to_100;\"; done | mariadb --defaults-file=\"$1\" --host=\"$2\" --port=\"$3\" app",
                    "writer", options.toString(), sts.pod(0).host(), Integer.toString(sts.mysqlPort())),
                    benchDir.resolve("writer.log"));
            long t0 = System.nanoTime();
            Sample s;
            try {
                ClusterNetwork.sleep(3000);
                s = cloneRun();
            } finally {
                writer.descendants().forEach(ProcessHandle::destroy);
                writer.destroy();
                waitFor(writer, Duration.ofSeconds(30));
            }
            secondsWriting += seconds(t0);
            rowsWritten += root(0).number("SELECT COUNT(*) FROM app.bench_writes") - before;
            samples.add(s);
            String backupLog = sts.pod(0).current(SIDECAR).log();
            var lsn = java.util.regex.Pattern.compile("Redo log \\(from LSN (\\d+) to (\\d+)\\) was copied").matcher(backupLog);
            Double copied = null;
            while (lsn.find()) {
                copied = (Long.parseLong(lsn.group(2)) - Long.parseLong(lsn.group(1))) / (double) MIB;
            }
            if (copied != null) {
                redo.add(copied);
            }
            log(String.format("clone under writer run %d: stream %.2f s, on disk %.2f s, --prepare %.2f s, redo copied %s MiB",
                    run + 1, s.stream(), s.disk(), s.prepare(), copied == null ? "?" : String.format(Locale.ROOT, "%.1f", copied)));
        }
        writerSample = median(samples);
        writerNote = String.format(Locale.ROOT, "one session committing 100-row INSERTs: %,d rows (%,d commits) in %.1f s, "
                        + "%.0f commits/s; --prepare per run %s s", rowsWritten, rowsWritten / 100, secondsWriting,
                rowsWritten / 100 / secondsWriting,
                samples.stream().map(x -> String.format(Locale.ROOT, "%.2f", x.prepare())).toList());
        if (!redo.isEmpty()) {
            writerNote += "; redo copied by the backup per run (MiB) "
                    + redo.stream().map(x -> String.format(Locale.ROOT, "%.1f", x)).toList();
        }
    }

    private Options options() {
        return options;
    }

    // ------------------------------------------------------------------------------------------------ report

    private String writeTable() throws IOException {
        var t = new StringBuilder();
        t.append("Clone benchmark (").append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                Instant.now().atOffset(ZoneOffset.UTC).withNano(0))).append(" UTC, ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs, ")
                .append(Host.run("mariadbd", "--version").out().strip().replaceAll("\\s+", " ")).append(")\n\n");
        t.append(String.format("Median of %d after %d warm-up (logical: median of %d after %d warm-up). MiB/s = source "
                        + "datadir size / time. \"stream\" = end of the stream; \"disk\" = destination on disk (sync included).%n%n",
                options.runs(), options.warmups(), options.logicalRuns(), options.logicalWarmups()));
        t.append("How: (a) host `cp -a` of pod 0's datadir, then `sync -f`. (b) in pod 0's netns `tar -cf - | socat -b 1048576 -u "
                + "STDIN TCP-LISTEN`, in pod 1's netns `socat -b 1048576 -u TCP:<pod 0> STDOUT | tar -xf -`; stream = receiver "
                + "exits, then `sync -f`. (c) pod 1 created with an empty volume; its kubelet runs init-config, then the rendered "
                + "clone init container (clone.sh) which streams from pod 0's sidecar (serve-backup.sh); timed from the clone "
                + "container's start; stream = clone.sh's log line \"preparing the backup\" (written right after socat and "
                + "mbstream exited and the end-of-stream file was checked), seen by polling its log every 2 ms; disk = the "
                + "container's exit (clone.sh runs --prepare and `sync -f`), then `sync`; --prepare = from that log line to the "
                + "exit of the `mariadb-backup --prepare` process. (d) in pod 1's netns `mariadb-dump --single-transaction "
                + "--databases app` over the pod network from pod 0 `| mariadb` into a fresh server (mariadb-install-db, "
                + "--no-defaults, --skip-log-bin, 128 MiB buffer pool, socket only); stream = pipeline exit, then `sync -f`. "
                + "Page cache warm (the donor's datadir is read from memory); the donor was idle and settled (dirty pages "
                + "flushed) except in the writer rows.\n\n");
        t.append("| dataset | method | stream s | stream MiB/s | disk s | disk MiB/s | disk ÷ (b) | stream ÷ (b) | --prepare s |\n");
        t.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (var entry : results.entrySet()) {
            int size = entry.getKey();
            double mib = datadirBytes.get(size) / (double) MIB;
            Sample floor = median(entry.getValue().get(Method.TAR));
            for (var m : entry.getValue().entrySet()) {
                Sample s = median(m.getValue());
                if (s == null) {
                    continue;
                }
                t.append(String.format(Locale.ROOT, "| %d GiB (%.0f MiB) | %s | %.2f | %.0f | %.2f | %.0f | %s | %s | %s |%n",
                        size, mib, m.getKey().label, s.stream(), mib / s.stream(), s.disk(), mib / s.disk(),
                        floor == null ? "" : String.format(Locale.ROOT, "%.2f", s.disk() / floor.disk()),
                        floor == null ? "" : String.format(Locale.ROOT, "%.2f", s.stream() / floor.stream()),
                        m.getKey() == Method.CLONE ? String.format(Locale.ROOT, "%.2f", s.prepare()) : ""));
            }
        }
        if (writerSample != null) {
            int size = options.sizes().get(options.sizes().size() - 1);
            double mib = writerDatadirBytes / (double) MIB;
            t.append(String.format(Locale.ROOT, "| %d GiB (%.0f MiB) + writer | (c) clone while a writer commits | %.2f | %.0f | %.2f | %.0f | | | %.2f |%n",
                    size, mib, writerSample.stream(), mib / writerSample.stream(), writerSample.disk(), mib / writerSample.disk(),
                    writerSample.prepare()));
        }
        t.append("\nTargets:\n\n");
        for (var entry : results.entrySet()) {
            int size = entry.getKey();
            Sample c = median(entry.getValue().get(Method.CLONE));
            Sample b = median(entry.getValue().get(Method.TAR));
            Sample d = median(entry.getValue().get(Method.LOGICAL));
            if (c == null) {
                continue;
            }
            if (b != null) {
                target(t, size + " GiB: (c) within 10% of (b) on disk", c.disk() / b.disk(), "≤ 1.10", c.disk() / b.disk() <= 1.10);
                target(t, size + " GiB: (c) within 20% of (b) to the end of the stream", c.stream() / b.stream(), "≤ 1.20",
                        c.stream() / b.stream() <= 1.20);
            }
            if (d != null) {
                target(t, size + " GiB: (c) ≥ 15× faster than (d) on disk (d ÷ c)", d.disk() / c.disk(), "≥ 15", d.disk() / c.disk() >= 15);
                target(t, size + " GiB: (c) ≥ 15× faster than (d) to the end of the stream (d ÷ c)", d.stream() / c.stream(), "≥ 15",
                        d.stream() / c.stream() >= 15);
            }
        }
        if (results.containsKey(1) && results.containsKey(2)) {
            Sample c1 = median(results.get(1).get(Method.CLONE));
            Sample c2 = median(results.get(2).get(Method.CLONE));
            if (c1 != null && c2 != null) {
                target(t, "(c) time(2 GiB) ÷ time(1 GiB) on disk", c2.disk() / c1.disk(), "≤ 2.1", c2.disk() / c1.disk() <= 2.1);
                target(t, "(c) time(2 GiB) ÷ time(1 GiB) to the end of the stream", c2.stream() / c1.stream(), "≤ 2.1",
                        c2.stream() / c1.stream() <= 2.1);
                target(t, "(for scale) source datadir 2 GiB ÷ 1 GiB", datadirBytes.get(2) / (double) datadirBytes.get(1), "", true);
            }
        }
        t.append("\nData:");
        for (int size : datadirBytes.keySet()) {
            t.append(String.format(Locale.ROOT, " %d GiB dataset = %,d rows, source datadir %,d bytes", size, rows.get(size),
                    datadirBytes.get(size)));
            if (clonedBytes.containsKey(size)) {
                t.append(String.format(Locale.ROOT, ", prepared clone %,d bytes", clonedBytes.get(size)));
            }
            t.append(';');
        }
        t.append('\n');
        if (writerSample != null) {
            t.append("\nWriter during the clone: ").append(writerNote).append(".\n");
        }
        for (String n : notes) {
            t.append("\nNote: ").append(n).append('\n');
        }
        String text = t.toString();
        Files.createDirectories(options.out().toAbsolutePath().getParent());
        Files.writeString(options.out(), text);
        return text;
    }

    private static void target(StringBuilder t, String what, double value, String goal, boolean met) {
        t.append(String.format(Locale.ROOT, "- %s: %.2f %s%s%n", what, value, goal,
                goal.isEmpty() ? "" : met ? " — met" : " — NOT met"));
    }

    private static Sample median(List<Sample> samples) {
        if (samples == null || samples.isEmpty()) {
            return null;
        }
        return new Sample(median(samples.stream().mapToDouble(Sample::stream).toArray()),
                median(samples.stream().mapToDouble(Sample::disk).toArray()),
                median(samples.stream().mapToDouble(Sample::prepare).toArray()));
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private SqlClient root(int ordinal) {
        return sts.client(ordinal, "root", BootstrapStack.password(Password.ROOT));
    }



    private Path fresh(String name) {
        Path dir = benchDir.resolve(name);
        ClusterNetwork.deleteTree(dir);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path clientOptions(Path file, String user, String password) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, "[client]\nuser=" + quote(user) + "\npassword=" + quote(password) + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\n", "\\n") + "\"";
    }

    private void checkBytes(String what, Path copy, int size) {
        long source = datadirBytes.get(size);
        long copied = du(copy);
        if (Math.abs(copied - source) > source / 50) {
            throw new IllegalStateException(what + " copied " + copied + " bytes of " + source);
        }
    }

    private static long du(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        String out = Host.run(List.of("du", "-sb", dir.toString()), null, null, Duration.ofMinutes(5)).check().out();
        return Long.parseLong(out.strip().split("\\s+")[0]);
    }

    private static void sync() {
        Host.run(List.of("sync"), null, null, Duration.ofMinutes(30)).check();
    }

    private static Process start(List<String> command, Path log) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int waitFor(Process p, Duration timeout) {
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private void note(String text) {
        if (!notes.contains(text)) {
            notes.add(text);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double between(Instant a, Instant b) {
        return Duration.between(a, b).toNanos() / 1e9;
    }

    private static void log(String text) {
        System.out.println(DateTimeFormatter.ISO_LOCAL_TIME.format(Instant.now().atOffset(ZoneOffset.UTC).withNano(0))
                + " [bench] " + text);
        System.out.flush();
    }
}
