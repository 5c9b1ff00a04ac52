package mysqlcluster.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import mysqlcluster.cluster.PodLayout;
import mysqlcluster.settings.EngineVersion;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The emulated cluster of one scenario, on one engine of {@link BootstrapStack#MATRIX}: started by the test, described
 * on stderr when the test fails (the pods and their logs: the real failure, without a stack trace of the harness),
 * torn down after it. Also the checks several scenarios share. Register with {@code @RegisterExtension}.
 */
final class ScenarioCluster implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {
    /** Test names say the engine and version: "freshCluster...(EngineVersion) on mysql 9.7". */
    static final String ON_ENGINE = "{displayName} on {0}";
    static final Duration READY = Duration.ofSeconds(120);
    static final String SERVER = PodLayout.SERVER_CONTAINER;
    static final String SIDECAR = PodLayout.SIDECAR_CONTAINER;
    static final String CLONE = PodLayout.CLONE_CONTAINER;
    /** Names the scripts use in the data volume (common.sh). */
    static final String CLONE_MARKER = ".clone-complete";
    static final String INIT_MARKER = ".init-complete";
    static final String SCRATCH = "clone-tmp";

    private EmulatedStatefulSet sts;
    private ClusterChecks db;

    /** The engines every scenario runs on, for {@code @MethodSource}. */
    static List<EngineVersion> engines() {
        return BootstrapStack.MATRIX;
    }

    /** The matrix's MySQL engines, for what only MySQL's CLONE does. */
    static List<EngineVersion> mysqlEngines() {
        return engines().stream().filter(v -> v.engine() == mysqlcluster.settings.Engine.MYSQL).toList();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        HarnessPreconditions.require();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent() && sts != null) {
            System.err.println("=== " + context.getRequiredTestMethod().getName() + " " + context.getDisplayName()
                    + " failed; the cluster:\n" + sts.describe());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    void close() {
        if (sts != null) {
            sts.close();
            sts = null;
        }
    }

    EmulatedStatefulSet start(EngineVersion engine, List<Map<String, Object>> manifests, EmulatedStatefulSet.Options options) {
        close();
        sts = EmulatedStatefulSet.of(manifests, options);
        db = new ClusterChecks(sts, new SqlDialect(engine));
        return sts;
    }

    EmulatedStatefulSet start(EngineVersion engine, EmulatedStatefulSet.Options options) {
        return start(engine, BootstrapStack.manifests(engine), options);
    }

    EmulatedStatefulSet start(EngineVersion engine) {
        return start(engine, EmulatedStatefulSet.Options.defaults());
    }

    /** A running cluster of the given size whose table app.t holds rows 1 to 1000 on every pod. */
    EmulatedStatefulSet startWithRows(EngineVersion engine, int pods) {
        start(engine);
        sts.scaleTo(pods, READY);
        db.createTable("t");
        db.insertRows("t", 1, 1000);
        db.awaitCaughtUp(java.util.stream.IntStream.range(1, pods).toArray());
        return sts;
    }

    ClusterChecks db() {
        return db;
    }

    /** The root of a pod's data volume (what the clone container sees as VOLUME_DIR). */
    Path volume(int ordinal) {
        return sts.datadir(ordinal).getParent();
    }

    Path scratch(int ordinal) {
        return volume(ordinal).resolve(SCRATCH);
    }

    /** Records every server start on a datadir the clone step did not mark complete (must never happen). */
    List<String> serverStartsWithoutMarker() {
        var starts = new CopyOnWriteArrayList<String>();
        sts.onContainerStart((pod, container) -> {
            String marker = pod.ordinal() == 0 ? INIT_MARKER : CLONE_MARKER;
            if (container.equals(SERVER) && !Files.exists(sts.datadir(pod.ordinal()).resolve(marker))) {
                starts.add(pod.name());
            }
        });
        return starts;
    }

    static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /** SIGKILL to a pod's server container; waits until the kubelet has started it again and it answers. */
    void crashServer(int ordinal) {
        EmulatedPod pod = sts.pod(ordinal);
        int runs = pod.runs(SERVER).size();
        pod.killContainer(SERVER);
        Await.until(READY, pod.name() + "'s server restarted", () -> pod.runs(SERVER).size() > runs
                && pod.current(SERVER).running(), pod::describe);
        // running is not answering: crash recovery comes first, and checks that follow query this server
        Await.until(READY, pod.name() + "'s restarted server answers", () -> db.root(ordinal).execute("SELECT 1").ok(),
                pod::describe);
    }

    /** Every container of the deleted pod ended on SIGTERM, none needed the SIGKILL after the grace period. */
    static void assertStoppedGracefully(EmulatedPod pod) {
        for (ContainerRun run : pod.runs()) {
            assertFalse(run.killedAfterGrace(), pod.name() + ": " + run + " ignored SIGTERM");
        }
    }

    /** A table only this replica has (binary log off): a clone from its peer would not have it. */
    void plantLocalSentinel(int ordinal) {
        db.root(ordinal).query(db.dialect().replicaLocalWrite("CREATE TABLE app.local_sentinel (id INT PRIMARY KEY) "
                + "ENGINE=InnoDB; INSERT INTO app.local_sentinel VALUES (" + ordinal + ")"));
    }

    BasicFileAttributes cloneMarker(int ordinal) throws IOException {
        return Files.readAttributes(sts.datadir(ordinal).resolve(CLONE_MARKER), BasicFileAttributes.class);
    }

    void assertNotClonedAgain(int ordinal, BasicFileAttributes markerBefore) throws IOException {
        assertEquals(String.valueOf(ordinal), db.root(ordinal).value("SELECT id FROM app.local_sentinel"),
                "pod " + ordinal + " kept its own data");
        var markerAfter = cloneMarker(ordinal);
        assertEquals(markerBefore.fileKey(), markerAfter.fileKey(), "same clone marker (inode) on pod " + ordinal);
        assertEquals(markerBefore.lastModifiedTime(), markerAfter.lastModifiedTime(), "clone marker untouched on pod " + ordinal);
        assertFalse(Files.exists(scratch(ordinal)), "no clone was started for pod " + ordinal);
    }

    /**
     * After a killed clone step (options without init restarts): the pod stopped in its init containers, no datadir,
     * unfinished work in the scratch directory without a marker; plants a sentinel there that a redo must wipe.
     */
    void assertUnfinishedOnly(int ordinal, String marker) throws IOException {
        EmulatedPod pod = sts.pod(ordinal);
        Await.until(Duration.ofSeconds(10), pod.name() + " stopped in its init containers", () -> "Failed".equals(pod.phase()));
        assertEquals(null, pod.current(SERVER), "the server of pod " + ordinal + " never started");
        assertFalse(Files.exists(sts.datadir(ordinal)), "no datadir for pod " + ordinal + " after the kill");
        Path scratch = scratch(ordinal);
        assertTrue(Files.isDirectory(scratch), "the unfinished work is in " + scratch);
        assertFalse(Files.exists(scratch.resolve(marker)), "the unfinished work is not marked complete");
        Files.writeString(scratch.resolve("harness-sentinel"), "left by the test in the unfinished work\n");
    }
}
