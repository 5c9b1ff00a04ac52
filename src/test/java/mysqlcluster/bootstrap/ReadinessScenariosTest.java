package mysqlcluster.bootstrap;

import static mysqlcluster.bootstrap.ScenarioCluster.READY;
import static mysqlcluster.bootstrap.ScenarioCluster.SERVER;
import static mysqlcluster.bootstrap.ScenarioCluster.SIDECAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mysqlcluster.cluster.PodLayout;
import mysqlcluster.settings.EngineVersion;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lag-aware readiness on real servers, once per engine of the matrix: a replica whose applier stops, or whose applier
 * runs but falls behind a writer, leaves the read endpoints and comes back once it has caught up; the primary stays
 * ready throughout. The stack's thresholds are made small here (the env of the server container, as the stack's
 * server.replicaMaxLagSeconds and server.replicaCatchUpLagSeconds would render them) so that it runs in seconds.
 */
class ReadinessScenariosTest {
    static final int MAX_LAG_SECONDS = 3;
    static final int CATCH_UP_LAG_SECONDS = 1;
    static final Duration UNREADY = Duration.ofSeconds(60);
    /** The sleep of the session that holds the lock on the replica, released earlier by KILL. */
    static final String LOCK_HOLDER = "SELECT SLEEP(300)";

    @RegisterExtension
    final ScenarioCluster cluster = new ScenarioCluster();

    static List<Map<String, Object>> manifests(EngineVersion engine) {
        var manifests = ManifestEdits.setEnv(BootstrapStack.manifests(engine), SERVER, "REPLICA_MAX_LAG_SECONDS",
                String.valueOf(MAX_LAG_SECONDS));
        return ManifestEdits.setEnv(manifests, SERVER, "REPLICA_CATCH_UP_LAG_SECONDS", String.valueOf(CATCH_UP_LAG_SECONDS));
    }

    @ParameterizedTest(name = ScenarioCluster.ON_ENGINE)
    @MethodSource("mysqlcluster.bootstrap.ScenarioCluster#engines")
    void aReplicaTakesReadsOnlyWhileItKeepsUp(EngineVersion engine) {
        var sts = cluster.start(engine, manifests(engine), EmulatedStatefulSet.Options.defaults());
        var db = cluster.db();
        sts.scaleTo(2, READY);
        EmulatedPod replica = sts.pod(1);
        db.createTable("t");
        db.insertRows("t", 1, 100);
        db.awaitCaughtUp(1);
        Await.until(READY, "pod 1 ready", replica::ready, replica::describe);
        assertEquals(PodLayout.REPLICA_NET_TIMEOUT_SECONDS, db.root(1).number(db.dialect().netTimeoutSql()));
        assertEquals(PodLayout.HEARTBEAT_PERIOD_SECONDS, heartbeat(db));
        // a replica set up with another heartbeat period (before the period was part of the set-up) gets the pod's
        // from its sidecar's next start
        db.root(1).query(db.dialect().setHeartbeatSql(30));
        assertEquals(30, heartbeat(db));
        replica.restartContainer(SIDECAR);
        sts.awaitSidecarStarted(1, Duration.ofSeconds(60));
        assertEquals(PodLayout.HEARTBEAT_PERIOD_SECONDS, heartbeat(db));
        db.assertReplicating(1);

        // the primary's readiness, sampled every 100 ms throughout
        var primaryUnready = new AtomicInteger();
        var primaryWatch = Executors.newSingleThreadScheduledExecutor();
        primaryWatch.scheduleAtFixedRate(() -> {
            if (!sts.pod(0).ready()) {
                primaryUnready.incrementAndGet();
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        try {
            // the applier stops: no reads from pod 1 until it runs again
            long stopped = System.nanoTime();
            db.root(1).query(db.dialect().stopApplierSql());
            Await.until(UNREADY, "pod 1 unready after its applier stopped", () -> !replica.ready(), replica::describe);
            long applierToUnready = millisSince(stopped);
            assertProbeSays(sts, replica, "applier not running");
            db.root(1).query(db.dialect().startApplierSql());
            Await.until(READY, "pod 1 ready again once its applier runs", replica::ready, replica::describe);

            // the applier runs but waits on a lock held on the replica while a writer commits on the primary
            long lagToUnready;
            long lag;
            try (var writer = new Writer(db.app(0), "t", 1001)) {
                writer.awaitCommits(5);
                assertTrue(replica.ready(), "pod 1 keeps up with the writer: " + replica.describe());
                var holder = CompletableFuture.supplyAsync(() -> db.root(1).execute("LOCK TABLES app.t READ; " + LOCK_HOLDER,
                        Duration.ofSeconds(330)));
                Await.until(Duration.ofSeconds(30), "the lock held on pod 1", () -> !lockHolders(db).isEmpty());
                long locked = System.nanoTime();
                Await.until(UNREADY, "pod 1 unready while it falls behind", () -> !replica.ready(), replica::describe);
                lagToUnready = millisSince(locked);
                db.assertReplicating(1);
                lag = Long.parseLong(db.replicaStatus(1).get(db.dialect().lagColumn()));
                assertTrue(lag > MAX_LAG_SECONDS, "the lag is real: " + lag + "s");
                assertProbeSays(sts, replica, "replication lag");

                for (List<String> session : lockHolders(db)) {
                    db.root(1).execute("KILL " + session.get(0));
                }
                holder.join();
                Await.until(UNREADY, "pod 1 ready again once caught up", replica::ready, replica::describe);
                writer.awaitCommits(5);
            }
            db.awaitCaughtUp(1);
            db.assertSameData("t", db.count(0, "t"), List.of(0, 1));
            assertEquals(0, primaryUnready.get(), "the primary stayed ready throughout");
            System.out.printf("readiness on %s: applier stopped -> unready %d ms; lock on a running applier -> unready"
                    + " %d ms (lag then %d s; thresholds %d s / %d s, probe period 1 s, failure threshold 3)%n",
                    engine, applierToUnready, lagToUnready, lag, MAX_LAG_SECONDS, CATCH_UP_LAG_SECONDS);
        } finally {
            primaryWatch.shutdownNow();
        }
    }

    private static double heartbeat(ClusterChecks db) {
        return Double.parseDouble(db.root(1).value(db.dialect().heartbeatPeriodSql()));
    }

    private static List<List<String>> lockHolders(ClusterChecks db) {
        return db.root(1).rows("SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE '" + LOCK_HOLDER + "%'");
    }

    private static void assertProbeSays(EmulatedStatefulSet sts, EmulatedPod pod, String why) {
        var probe = pod.exec(SERVER, sts.template().container(SERVER).readinessProbe().command(), Duration.ofSeconds(30));
        assertFalse(probe.ok(), pod.name() + "'s readiness probe fails");
        var said = probe.err().lines().filter(line -> line.contains("[probe " + pod.name() + "]")).toList();
        assertEquals(1, said.size(), "the probe says why in one line: " + probe.err());
        assertTrue(said.get(0).contains(why), "it says why (" + why + "): " + said);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
