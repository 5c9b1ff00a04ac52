package mysqlcluster.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import mysqlcluster.settings.EngineVersion;

/**
 * The emulated StatefulSet one engine's benchmark runs on (pod 0 the donor, pod 1 the recipient), its scratch
 * directory, and what every method does around a timed run: settle the machine first, note a harness run of another
 * JVM that shared it, sync and measure directories.
 */
final class BenchCluster implements AutoCloseable {
    static final Duration READY = Duration.ofSeconds(180);
    static final long MIB = 1L << 20;

    private final EngineVersion engine;
    private final EmulatedStatefulSet sts;
    private final ClusterChecks db;
    private final Path dir;
    private final List<String> notes = new ArrayList<>();
    private final Set<String> others = new TreeSet<>();
    private int timedRuns;
    private int overlapped;

    private BenchCluster(EngineVersion engine, EmulatedStatefulSet sts) {
        this.engine = engine;
        this.sts = sts;
        this.db = new ClusterChecks(sts, new SqlDialect(engine));
        this.dir = sts.runDirectory().resolve("bench");
    }

    /** The bootstrap stack of the engine with its primary (pod 0) running and done with its start-up work. */
    static BenchCluster start(EngineVersion engine) {
        return start(engine, BootstrapStack.manifests(engine));
    }

    /** Like {@link #start(EngineVersion)}, the stack rendered otherwise (e.g. with backups). */
    static BenchCluster start(EngineVersion engine, List<Map<String, Object>> manifests) {
        var sts = EmulatedStatefulSet.of(manifests);
        var cluster = new BenchCluster(engine, sts);
        try {
            Files.createDirectories(cluster.dir);
            log("run directory " + sts.runDirectory() + ", image " + sts.image().name());
            sts.scaleTo(1, READY);
            sts.awaitSidecarStarted(0, READY);
            return cluster;
        } catch (IOException | RuntimeException e) {
            sts.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    EngineVersion engine() {
        return engine;
    }

    boolean mysql() {
        return db.dialect().mysql();
    }

    EmulatedStatefulSet sts() {
        return sts;
    }

    ClusterChecks db() {
        return db;
    }

    /** The server's version as the donor reports it. */
    String serverVersion() {
        return db.root(0).value("SELECT @@version");
    }

    /**
     * Before each timed run: pod 1 done starting (after a clone its server starts and replicates), no dirty pages of the
     * previous run, a second of quiet; counts the run and notes other harness runs alive meanwhile.
     */
    void settle() {
        if (sts.pods().containsKey(1)) {
            sts.awaitSidecarStarted(1, READY);
        }
        sync();
        ClusterNetwork.sleep(1000);
        timedRuns++;
        var seen = otherRuns();
        if (!seen.isEmpty()) {
            overlapped++;
            others.addAll(seen);
        }
    }

    /** Harness runs of other live JVMs: a test suite running meanwhile shares the CPUs and the disk. */
    private Set<String> otherRuns() {
        var found = new TreeSet<String>();
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

    /** A new empty directory under the benchmark's scratch directory. */
    Path fresh(String name) {
        Path d = dir.resolve(name);
        ClusterNetwork.deleteTree(d);
        try {
            return Files.createDirectories(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }

    void note(String text) {
        if (!notes.contains(text)) {
            notes.add(text);
        }
    }

    /** The notes of the run, with the overlap with other harness runs. */
    List<String> notes() {
        var all = new ArrayList<>(notes);
        if (overlapped > 0) {
            all.add(overlapped + " of " + timedRuns + " timed runs overlapped another harness run on this machine (CPU and "
                    + "disk shared): " + String.join(", ", others));
        }
        return all;
    }

    /** Fails unless this is root with the harness's tools and the host's TOOLS: what a benchmark needs. */
    static void requireHost(String benchmark, List<String> tools) {
        var missing = new ArrayList<String>();
        if (!Host.isRoot()) {
            missing.add("root");
        }
        var needed = new ArrayList<>(HarnessPreconditions.TOOLS);
        needed.addAll(tools);
        needed.stream().filter(t -> !Host.onPath(t)).forEach(missing::add);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the " + benchmark + " needs " + missing);
        }
    }

    static void sync() {
        Host.run(List.of("sync"), null, null, Duration.ofMinutes(30)).check();
    }

    /** sync -f: the file system of the path. */
    static void sync(Path path) {
        Host.run(List.of("sync", "-f", path.toString()), null, null, Duration.ofMinutes(30)).check();
    }

    /** Bytes under a directory (du -sb), 0 when it does not exist. */
    static long du(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        String out = Host.run(List.of("du", "-sb", dir.toString()), null, null, Duration.ofMinutes(5)).check().out();
        return Long.parseLong(out.strip().split("\\s+")[0]);
    }

    /** A log file's text, empty when it cannot be read. */
    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    static void log(String text) {
        System.out.println(DateTimeFormatter.ISO_LOCAL_TIME.format(Instant.now().atOffset(ZoneOffset.UTC).withNano(0))
                + " [bench] " + text);
        System.out.flush();
    }

    @Override
    public void close() {
        sts.close();
    }
}
