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
import mysqlcluster.settings.Password;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bootstrap scripts, exactly as rendered for the bootstrap stack (mariadb engine, three pods), run against real
 * MariaDB servers in the emulated StatefulSet. Every scenario asserts on data: rows, checksums, GTID positions.
 */
class BootstrapScenariosTest {
    static final Duration READY = Duration.ofSeconds(120);
    static final String SERVER = PodLayout.SERVER_CONTAINER;
    static final String SIDECAR = PodLayout.SIDECAR_CONTAINER;
    static final String CLONE = PodLayout.CLONE_CONTAINER;
    /** Names the scripts use in the data volume (common.sh). */
    static final String CLONE_MARKER = ".clone-complete";
    static final String SCRATCH = "clone-tmp";

    private EmulatedStatefulSet sts;
    private ClusterChecks db;

    @RegisterExtension
    final AfterTestExecutionCallback dumpOnFailure = context -> {
        if (context.getExecutionException().isPresent() && sts != null) {
            System.err.println("=== " + context.getDisplayName() + " failed; the cluster:\n" + sts.describe());
        }
    };

    @BeforeAll
    static void harness() {
        HarnessPreconditions.require();
    }

    @AfterEach
    void teardown() {
        if (sts != null) {
            sts.close();
        }
    }

    private void start(List<Map<String, Object>> manifests, EmulatedStatefulSet.Options options) {
        sts = EmulatedStatefulSet.of(manifests, options);
        db = new ClusterChecks(sts);
    }

    private void start() {
        start(BootstrapStack.manifests(), EmulatedStatefulSet.Options.defaults());
    }


    /** The root of a pod's data volume (what the clone container sees as VOLUME_DIR). */
    private Path volume(int ordinal) {
        return sts.datadir(ordinal).getParent();
    }

    /** Records every server start on a datadir the clone did not mark complete (must never happen). */
    private List<String> serverStartsWithoutMarker() {
        var starts = new CopyOnWriteArrayList<String>();
        sts.onContainerStart((pod, container) -> {
            if (pod.ordinal() > 0 && container.equals(SERVER) && !Files.exists(sts.datadir(pod.ordinal()).resolve(CLONE_MARKER))) {
                starts.add(pod.name());
            }
        });
        return starts;
    }

    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    @Test
    void freshClusterClonesInChainAndReplicatesWithGtid() throws IOException {
        start();
        sts.scaleTo(1, READY);
        db.createTable("t");
        db.createTable("w");
        db.insertRows("t", 1, 1000);

        // pods 1 and 2 clone (2 from 1, a replica) while a writer commits to the primary
        try (var writer = new Writer(db.app(0), "w", 1)) {
            writer.awaitCommits(5);
            sts.scaleTo(3, READY);
            writer.awaitCommits(5);
            writer.close();
            assertEquals(0, writer.failures(), "the writer never failed");

            db.insertRows("t", 1001, 10_000);
            db.awaitCaughtUp(1, 2);

            List<Integer> all = List.of(0, 1, 2);
            db.assertSameData("t", 11_000, all);
            db.assertSameData("w", writer.committed().size(), all);
        }
        String primaryGtid = db.primaryGtid();
        for (int replica : List.of(1, 2)) {
            db.assertReplicating(replica);
            assertEquals(primaryGtid, db.replicaGtid(replica), "GTID position of pod " + replica);
            String marker = Files.readString(sts.datadir(replica).resolve(CLONE_MARKER));
            assertTrue(marker.startsWith("from " + sts.pod(replica - 1).host() + " "), "pod " + replica
                    + " was cloned from the pod before it: " + marker);
            assertEquals("1", db.root(replica).value("SELECT @@read_only"));
            var refused = db.app(replica).execute("INSERT INTO app.t (id, payload) VALUES (0, 'must not land')");
            assertFalse(refused.ok(), "pod " + replica + " refuses writes of an ordinary user");
            assertTrue(refused.err().contains("ERROR 1290"), "read-only refusal on pod " + replica + ": " + refused.err());
        }
        assertEquals("0", db.root(0).value("SELECT @@read_only"));
        assertEquals(List.of("100", "101", "102"), List.of(0, 1, 2).stream()
                .map(o -> db.root(o).value("SELECT @@server_id")).toList(), "server ids");
        for (int o : List.of(0, 1, 2)) {
            assertEquals(sts.pod(o).name(), db.root(o).value("SELECT @@hostname"), "the hostname of pod " + o);
        }
        assertFalse(Files.exists(sts.datadir(0).resolve(CLONE_MARKER)), "the primary is never cloned");
        // the users the sidecar made on the primary reached the replicas through the binary log
        for (int o : List.of(0, 1, 2)) {
            assertEquals("GRANT REPLICATION SLAVE ON *.* TO `replication`@`%` IDENTIFIED BY PASSWORD",
                    db.root(o).value("SHOW GRANTS FOR 'replication'@'%'").replaceAll(" '\\*[0-9A-F]+'$", ""), "grants on pod " + o);
        }
    }

    @Test
    void cloneKilledHalfwayIsRedoneFromScratch() throws IOException {
        start(BootstrapStack.manifests(), EmulatedStatefulSet.Options.defaults().withoutInitRestarts());
        List<String> unmarkedStarts = serverStartsWithoutMarker();
        sts.scaleTo(1, READY);
        db.createTable("t");
        db.createTable("w");
        db.insertRows("t", 1, 100_000);

        // the receiving side, SIGKILLed halfway through the stream (the donor paused so that it is halfway)
        EmulatedPod pod1 = sts.createPod(1);
        ProcessHandle backup = sts.pod(0).awaitProcess(SIDECAR, Duration.ofSeconds(60), cmd -> cmd.contains("--backup"));
        Path scratch1 = volume(1).resolve(SCRATCH);
        Await.until(Duration.ofSeconds(60), "4 MB of the stream in " + scratch1, () -> size(scratch1) > 4 << 20);
        Host.signal(backup.pid(), "STOP");
        try {
            pod1.killContainer(CLONE);
        } finally {
            Host.signal(backup.pid(), "CONT");
        }
        assertHalfCloneOnly(1);
        sts.deletePod(1);
        sts.createPod(1).awaitReady(READY);

        // --prepare SIGKILLed (pod 2 clones from pod 1 while a writer commits, so the prepare has redo to apply)
        try (var writer = new Writer(db.app(0), "w", 1)) {
            EmulatedPod pod2 = sts.createPod(2);
            ProcessHandle prepare = pod2.awaitProcess(CLONE, Duration.ofSeconds(60), cmd -> cmd.contains("--prepare"));
            Host.signal(prepare.pid(), "STOP");
            pod2.killContainer(CLONE);
            assertHalfCloneOnly(2);
            sts.deletePod(2);
            sts.createPod(2).awaitReady(READY);
            writer.awaitCommits(5);
        }
        db.insertRows("t", 100_001, 1000);
        db.awaitCaughtUp(1, 2);
        for (int replica : List.of(1, 2)) {
            assertFalse(Files.exists(sts.datadir(replica).resolve("harness-sentinel")), "pod " + replica + " cloned again from scratch");
            assertEquals(0, sts.pod(replica).runs(CLONE).get(0).exitCode(), "the new clone of pod " + replica + " succeeded");
            db.assertReplicating(replica);
        }
        db.assertSameData("t", 101_000, List.of(0, 1, 2));
        db.assertSameData("w", db.count(0, "w"), List.of(0, 1, 2));
        assertEquals(List.of(), unmarkedStarts, "servers started on a datadir without the clone marker");
    }

    /** After a killed clone: no datadir, a scratch directory without the marker; plants a sentinel in it. */
    private void assertHalfCloneOnly(int ordinal) throws IOException {
        EmulatedPod pod = sts.pod(ordinal);
        Await.until(Duration.ofSeconds(10), pod.name() + " stopped in its init containers", () -> "Failed".equals(pod.phase()));
        assertEquals(null, pod.current(SERVER), "the server of pod " + ordinal + " never started");
        assertFalse(Files.exists(sts.datadir(ordinal)), "no datadir for pod " + ordinal + " after the kill");
        Path scratch = volume(ordinal).resolve(SCRATCH);
        assertTrue(Files.isDirectory(scratch), "the half clone is in " + scratch);
        assertFalse(Files.exists(scratch.resolve(CLONE_MARKER)), "the half clone is not marked complete");
        Files.writeString(scratch.resolve("harness-sentinel"), "left by the test in the half clone\n");
    }

    @Test
    void sidecarRestartLeavesRunningReplicationAlone() throws IOException {
        start();
        sts.scaleTo(2, READY);
        db.createTable("t");
        db.insertRows("t", 1, 1000);
        db.awaitCaughtUp(1);
        // a setting of the running replica that setting replication up again would overwrite
        db.root(1).query("STOP SLAVE; CHANGE MASTER TO MASTER_CONNECT_RETRY = 7; START SLAVE");
        Path started = sts.datadir(1).resolve(".replication-started");
        var startedBefore = Files.readAttributes(started, BasicFileAttributes.class);

        sts.pod(1).restartContainer(SIDECAR);
        sts.pod(0).restartContainer(SIDECAR);
        sts.awaitServingBackups(1, Duration.ofSeconds(60));
        sts.awaitServingBackups(0, Duration.ofSeconds(60));

        db.insertRows("t", 1001, 1000);
        db.awaitCaughtUp(1);
        var status = db.replicaStatus(1);
        assertEquals("7", status.get("Connect_Retry"), "replication was not set up again: " + status);
        db.assertReplicating(1);
        assertFalse(Files.exists(sts.datadir(1).resolve(".replication-start")), "no start position is left to apply");
        var startedAfter = Files.readAttributes(started, BasicFileAttributes.class);
        assertEquals(startedBefore.fileKey(), startedAfter.fileKey());
        assertEquals(startedBefore.lastModifiedTime(), startedAfter.lastModifiedTime());
        db.assertSameData("t", 2000, List.of(0, 1));
        // the primary's sidecar ensured its users again: same grants, replication unaffected
        assertEquals(2, sts.pod(0).runs(SIDECAR).size());
        assertTrue(db.root(0).value("SHOW GRANTS FOR 'replication'@'%'").startsWith("GRANT REPLICATION SLAVE ON *.* TO `replication`@`%`"));
    }

    /** The sidecar is done with its start-up work once socat serves backups as its PID 1. */

    @Test
    void primaryRestartWhileWritingLosesNothing() {
        start();
        sts.scaleTo(3, READY);
        db.createTable("w");
        List<Long> committed;
        int failures;
        try (var writer = new Writer(db.app(0), "w", 1)) {
            writer.awaitCommits(20);
            EmulatedPod old = sts.pod(0);
            sts.recreatePod(0, READY);
            assertStoppedGracefully(old);
            writer.awaitCommits(20);
            // and a crash: the server SIGKILLed mid-commit, restarted by the kubelet on the same datadir
            crashServer(0);
            writer.awaitCommits(20);
            writer.close();
            committed = writer.committed();
            failures = writer.failures();
        }
        assertTrue(failures > 0, "the writer saw the primary go away");
        db.awaitCaughtUp(1, 2);
        for (int o : List.of(0, 1, 2)) {
            assertEquals(committed.size(), db.root(o).number("SELECT COUNT(*) FROM app.w WHERE id IN (" + Writer.idList(committed) + ")"),
                    "every commit the writer saw is on pod " + o);
        }
        db.assertSameData("w", db.count(0, "w"), List.of(0, 1, 2));
        db.assertReplicating(1);
        db.assertReplicating(2);
    }

    @Test
    void replicaRestartResumesFromItsOwnData() throws IOException {
        start();
        sts.scaleTo(2, READY);
        db.createTable("t");
        db.insertRows("t", 1, 1000);
        db.awaitCaughtUp(1);
        plantLocalSentinel(1);
        var markerBefore = Files.readAttributes(sts.datadir(1).resolve(CLONE_MARKER), BasicFileAttributes.class);

        EmulatedPod old = sts.pod(1);
        sts.deletePod(1);
        assertStoppedGracefully(old);
        db.insertRows("t", 1001, 1000);
        sts.createPod(1).awaitReady(READY);

        db.awaitCaughtUp(1);
        assertNotClonedAgain(1, markerBefore);
        db.assertSameData("t", 2000, List.of(0, 1));
        db.assertReplicating(1);

        // a crash of the replica's server while the primary takes writes: it recovers and resumes where it was
        db.createTable("w");
        List<Long> committed;
        try (var writer = new Writer(db.app(0), "w", 1)) {
            writer.awaitCommits(10);
            crashServer(1);
            writer.awaitCommits(10);
            writer.close();
            committed = writer.committed();
        }
        db.awaitCaughtUp(1);
        assertEquals(committed.size(), db.root(1).number("SELECT COUNT(*) FROM app.w WHERE id IN (" + Writer.idList(committed) + ")"));
        db.assertSameData("w", db.count(0, "w"), List.of(0, 1));
        db.assertReplicating(1);
        assertNotClonedAgain(1, markerBefore);
    }

    /** SIGKILL to a pod's server container; waits until the kubelet has started it again. */
    private void crashServer(int ordinal) {
        EmulatedPod pod = sts.pod(ordinal);
        int runs = pod.runs(SERVER).size();
        pod.killContainer(SERVER);
        Await.until(READY, pod.name() + "'s server restarted", () -> pod.runs(SERVER).size() > runs
                && pod.current(SERVER).running(), pod::describe);
    }

    @Test
    void scaleDownAndUpReusesTheRetainedVolume() throws IOException {
        start();
        sts.scaleTo(3, READY);
        db.createTable("t");
        db.insertRows("t", 1, 1000);
        db.awaitCaughtUp(1, 2);
        plantLocalSentinel(2);
        var markerBefore = Files.readAttributes(sts.datadir(2).resolve(CLONE_MARKER), BasicFileAttributes.class);

        sts.scaleTo(2, READY);
        assertEquals(2, sts.size());
        assertTrue(Files.isDirectory(sts.datadir(2)), "the claim of pod 2 is retained");
        db.insertRows("t", 1001, 1000);
        sts.scaleTo(3, READY);

        db.awaitCaughtUp(1, 2);
        assertNotClonedAgain(2, markerBefore);
        db.assertSameData("t", 2000, List.of(0, 1, 2));
        db.assertReplicating(2);
    }

    /** Every container of the deleted pod ended on SIGTERM, none needed the SIGKILL after the grace period. */
    private static void assertStoppedGracefully(EmulatedPod pod) {
        for (ContainerRun run : pod.runs()) {
            assertFalse(run.killedAfterGrace(), pod.name() + ": " + run + " ignored SIGTERM");
        }
    }

    /** A table only this replica has (binary log off): a clone from its peer would not have it. */
    private void plantLocalSentinel(int ordinal) {
        db.root(ordinal).query("SET SESSION sql_log_bin = 0; CREATE TABLE app.local_sentinel (id INT PRIMARY KEY) ENGINE=InnoDB; "
                + "INSERT INTO app.local_sentinel VALUES (" + ordinal + ")");
    }

    private void assertNotClonedAgain(int ordinal, BasicFileAttributes markerBefore) throws IOException {
        assertEquals(String.valueOf(ordinal), db.root(ordinal).value("SELECT id FROM app.local_sentinel"),
                "pod " + ordinal + " kept its own data");
        var markerAfter = Files.readAttributes(sts.datadir(ordinal).resolve(CLONE_MARKER), BasicFileAttributes.class);
        assertEquals(markerBefore.fileKey(), markerAfter.fileKey(), "same clone marker (inode) on pod " + ordinal);
        assertEquals(markerBefore.lastModifiedTime(), markerAfter.lastModifiedTime(), "clone marker untouched on pod " + ordinal);
        assertFalse(Files.exists(volume(ordinal).resolve(SCRATCH)), "no clone was started for pod " + ordinal);
    }

    @Test
    void cloneGivesUpOnAPeerThatNeverAnswers() {
        var manifests = ManifestEdits.setEnv(BootstrapStack.manifests(), CLONE, "CLONE_RETRIES", "3");
        manifests = ManifestEdits.setEnv(manifests, CLONE, "CLONE_RETRY_SECONDS", "1");
        start(manifests, EmulatedStatefulSet.Options.defaults().withoutInitRestarts());
        String donor = sts.template().statefulSet() + "-0." + sts.template().serviceName() + ":" + PodLayout.CLONE_PORT;

        // no pod 0 at all: its name does not resolve
        assertCloneGivesUp(donor, Duration.ofSeconds(20));
        sts.deletePod(1);

        // pod 0 accepts the connection and never sends a byte
        sts.createSilentPeer(0, PodLayout.CLONE_PORT);
        assertCloneGivesUp(donor, Duration.ofSeconds(40));
    }

    private void assertCloneGivesUp(String donor, Duration within) {
        long start = System.nanoTime();
        EmulatedPod pod = sts.createPod(1);
        Await.until(within, "the clone of pod 1 giving up", () -> "Failed".equals(pod.phase()), pod::describe);
        ContainerRun clone = pod.current(CLONE);
        assertEquals(1, clone.exitCode(), "the clone exits non-zero so that the kubelet backs off");
        assertTrue(clone.log().contains("giving up: no complete backup from " + donor + " after 3 attempts 1s apart"),
                "a clear last log line:\n" + clone.log());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(within) < 0);
        assertFalse(Files.exists(sts.datadir(1)), "no datadir");
        assertFalse(Files.exists(volume(1).resolve(SCRATCH)), "no scratch directory left");
        assertEquals(null, pod.current(SERVER), "the server never started");
    }

    @Test
    void missingSecretKeyIsNamed() {
        String key = Password.REPLICATION.secretKey();
        // the key absent from the Secret: the kubelet refuses the container that reads it (the sidecar)
        start(ManifestEdits.setSecretKey(BootstrapStack.manifests(), key, null), EmulatedStatefulSet.Options.defaults());
        EmulatedPod pod = sts.createPod(0);
        Await.until(Duration.ofSeconds(60), "the sidecar refused", () -> pod.current(SIDECAR) != null, pod::describe);
        assertEquals("couldn't find key " + key + " in Secret " + sts.template().namespace() + "/"
                + sts.template().secrets().keySet().iterator().next(), pod.current(SIDECAR).createError());
        sts.close();

        // the key present but empty: the sidecar stops with the variable and the key in its last line
        start(ManifestEdits.setSecretKey(BootstrapStack.manifests(), key, ""), EmulatedStatefulSet.Options.defaults());
        EmulatedPod pod0 = sts.createPod(0);
        Await.until(Duration.ofSeconds(60), "the sidecar failing", () -> pod0.current(SIDECAR) != null
                && pod0.current(SIDECAR).exitCode() != null, pod0::describe);
        ContainerRun sidecar = pod0.runs(SIDECAR).get(0);
        assertEquals(1, sidecar.exitCode());
        String last = sidecar.log().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.endsWith("ERROR: environment variable REPLICATION_PASSWORD is missing or empty: set key '"
                + key + "' in the cluster's Secret"), last);
    }
}
