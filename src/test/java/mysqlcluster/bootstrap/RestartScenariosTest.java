package mysqlcluster.bootstrap;

import static mysqlcluster.bootstrap.ScenarioCluster.READY;
import static mysqlcluster.bootstrap.ScenarioCluster.SERVER;
import static mysqlcluster.bootstrap.ScenarioCluster.SIDECAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import mysqlcluster.settings.EngineVersion;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Restarts, crashes and scaling of a running cluster, on real servers in the emulated StatefulSet, once per engine of
 * the matrix: nothing acknowledged is lost, nothing is cloned again, running replication is left alone.
 */
class RestartScenariosTest {
    /** The start of the message a replica whose position was purged gives (common.sh). */
    static final String STOPPED_FOR_GOOD = "replication cannot resume: the primary purged binary logs this replica still needs";
    @RegisterExtension
    final ScenarioCluster cluster = new ScenarioCluster();

    @ParameterizedTest(name = ScenarioCluster.ON_ENGINE)
    @MethodSource("mysqlcluster.bootstrap.ScenarioCluster#engines")
    void sidecarRestartLeavesRunningReplicationAlone(EngineVersion engine) throws IOException {
        var sts = cluster.startWithRows(engine, 2);
        var db = cluster.db();
        // a setting of the running replica that setting replication up again would overwrite
        db.root(1).query(db.dialect().setConnectRetrySql(7));
        Path started = sts.datadir(1).resolve(".replication-started");
        var startedBefore = Files.readAttributes(started, BasicFileAttributes.class);

        sts.pod(1).restartContainer(SIDECAR);
        sts.pod(0).restartContainer(SIDECAR);
        sts.awaitSidecarStarted(1, Duration.ofSeconds(60));
        sts.awaitSidecarStarted(0, Duration.ofSeconds(60));

        db.insertRows("t", 1001, 1000);
        db.awaitCaughtUp(1);
        var status = db.replicaStatus(1);
        assertEquals("7", status.get("Connect_Retry"), "replication was not set up again: " + status);
        db.assertReplicating(1);
        assertFalse(sts.pod(1).current(SIDECAR).log().contains(SecretScenariosTest.PASSWORD_REFRESHED),
                "an unchanged password is left alone");
        assertFalse(Files.exists(sts.datadir(1).resolve(".replication-start")), "no start position is left to apply");
        var startedAfter = Files.readAttributes(started, BasicFileAttributes.class);
        assertEquals(startedBefore.fileKey(), startedAfter.fileKey());
        assertEquals(startedBefore.lastModifiedTime(), startedAfter.lastModifiedTime());
        db.assertSameData("t", 2000, List.of(0, 1));
        // the primary's sidecar ensured its users again: same grants, replication unaffected
        assertEquals(2, sts.pod(0).runs(SIDECAR).size());
        assertTrue(db.root(0).value("SHOW GRANTS FOR 'replication'@'%'").startsWith("GRANT REPLICATION SLAVE ON *.* TO `replication`@`%`"));
    }

    @ParameterizedTest(name = ScenarioCluster.ON_ENGINE)
    @MethodSource("mysqlcluster.bootstrap.ScenarioCluster#engines")
    void primaryRestartWhileWritingLosesNothing(EngineVersion engine) {
        var sts = cluster.start(engine);
        var db = cluster.db();
        sts.scaleTo(3, READY);
        db.createTable("w");
        List<Long> committed;
        int failures;
        try (var writer = new Writer(db.app(0), "w", 1)) {
            writer.awaitCommits(20);
            EmulatedPod old = sts.pod(0);
            sts.recreatePod(0, READY);
            ScenarioCluster.assertStoppedGracefully(old);
            writer.awaitCommits(20);
            // and a crash: the server SIGKILLed mid-commit, restarted by the kubelet on the same datadir
            cluster.crashServer(0);
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

    @ParameterizedTest(name = ScenarioCluster.ON_ENGINE)
    @MethodSource("mysqlcluster.bootstrap.ScenarioCluster#engines")
    void replicaRestartResumesFromItsOwnData(EngineVersion engine) throws IOException {
        var sts = cluster.startWithRows(engine, 2);
        var db = cluster.db();
        cluster.plantLocalSentinel(1);
        var markerBefore = cluster.cloneMarker(1);

        EmulatedPod old = sts.pod(1);
        sts.deletePod(1);
        ScenarioCluster.assertStoppedGracefully(old);
        db.insertRows("t", 1001, 1000);
        sts.createPod(1).awaitReady(READY);

        db.awaitCaughtUp(1);
        cluster.assertNotClonedAgain(1, markerBefore);
        db.assertSameData("t", 2000, List.of(0, 1));
        db.assertReplicating(1);

        // a crash of the replica's server while the primary takes writes: it recovers and resumes where it was
        db.createTable("w");
        List<Long> committed;
        try (var writer = new Writer(db.app(0), "w", 1)) {
            writer.awaitCommits(10);
            cluster.crashServer(1);
            writer.awaitCommits(10);
            writer.close();
            committed = writer.committed();
        }
        db.awaitCaughtUp(1);
        assertEquals(committed.size(), db.root(1).number("SELECT COUNT(*) FROM app.w WHERE id IN (" + Writer.idList(committed) + ")"));
        db.assertSameData("w", db.count(0, "w"), List.of(0, 1));
        db.assertReplicating(1);
        cluster.assertNotClonedAgain(1, markerBefore);
    }

    @ParameterizedTest(name = ScenarioCluster.ON_ENGINE)
    @MethodSource("mysqlcluster.bootstrap.ScenarioCluster#engines")
    void scaleDownAndUpReusesTheRetainedVolume(EngineVersion engine) throws IOException {
        var sts = cluster.startWithRows(engine, 3);
        var db = cluster.db();
        cluster.plantLocalSentinel(2);
        var markerBefore = cluster.cloneMarker(2);

        sts.scaleTo(2, READY);
        assertEquals(2, sts.size());
        assertTrue(Files.isDirectory(sts.datadir(2)), "the claim of pod 2 is retained");
        db.insertRows("t", 1001, 1000);
        sts.scaleTo(3, READY);

        db.awaitCaughtUp(1, 2);
        cluster.assertNotClonedAgain(2, markerBefore);
        db.assertSameData("t", 2000, List.of(0, 1, 2));
        db.assertReplicating(2);
    }

    @ParameterizedTest(name = ScenarioCluster.ON_ENGINE)
    @MethodSource("mysqlcluster.bootstrap.ScenarioCluster#engines")
    void retainedReplicaWhosePositionWasPurgedTakesNoReadsUntilRecloned(EngineVersion engine) {
        var sts = cluster.startWithRows(engine, 3);
        var db = cluster.db();
        sts.scaleTo(2, READY);

        // pod 2 is away while the primary writes, rotates its binary log and purges every file but the new one
        db.insertRows("t", 1001, 1000);
        db.awaitCaughtUp(1);
        db.purgePrimaryBinaryLogs();
        db.insertRows("t", 2001, 1000);
        db.awaitCaughtUp(1);

        // back on its retained volume: it must not serve its stale rows, and says what to do
        EmulatedPod pod2 = sts.createPod(2);
        Await.until(READY, "pod 2's sidecar reporting that replication cannot resume",
                () -> pod2.current(SIDECAR) != null && pod2.current(SIDECAR).log().contains(STOPPED_FOR_GOOD), pod2::describe);
        assertFalse(pod2.ready(), "a replica that cannot catch up takes no reads");
        var probe = pod2.exec(SERVER, sts.template().container(SERVER).readinessProbe().command(), Duration.ofSeconds(30));
        assertFalse(probe.ok());
        assertTrue(probe.err().contains(STOPPED_FOR_GOOD) && probe.err().contains("data-" + pod2.name()), probe.err());
        assertEquals(1000, db.count(2, "t"), "pod 2 still has only its old rows");

        // what the log says: delete the claim and the pod; it clones again and catches up
        sts.deletePod(2);
        sts.deleteClaim("data", 2);
        sts.createPod(2).awaitReady(READY);
        db.awaitCaughtUp(1, 2);
        db.assertSameData("t", 3000, List.of(0, 1, 2));
        db.assertReplicating(2);
    }
}
