package mysqlcluster.bootstrap;

import static mysqlcluster.bootstrap.ScenarioCluster.READY;
import static mysqlcluster.bootstrap.ScenarioCluster.SERVER;
import static mysqlcluster.bootstrap.ScenarioCluster.SIDECAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import mysqlcluster.cluster.PodLayout;
import mysqlcluster.settings.EngineVersion;
import mysqlcluster.settings.MonitoringSettings;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A replica's health as the read endpoints and the alerts see it, on real servers, once per engine of the matrix: a
 * replica whose applier stops, or whose applier runs but falls behind a writer, leaves the read endpoints and comes
 * back once it has caught up, and a real Prometheus scraping every pod's exporter (the rendered PodMonitor and
 * PrometheusRule) raises the matching alert within its {@code for} and resolves it; the primary stays ready and
 * alert-free throughout. Readiness thresholds are made small here (the server container's env, as the stack's
 * server.replicaMaxLagSeconds and server.replicaCatchUpLagSeconds would render them), the alerts' by the bootstrap
 * stack's monitoring keys, so that it runs in seconds.
 */
class ReplicaHealthScenariosTest {
    static final int MAX_LAG_SECONDS = 3;
    static final int CATCH_UP_LAG_SECONDS = 1;
    static final Duration UNREADY = Duration.ofSeconds(60);
    /** What a poll of Prometheus's API may add to when an alert is seen firing. */
    static final Duration POLL_SLACK = Duration.ofSeconds(1);
    static final String NOT_RUNNING = "MySQLReplicationNotRunning";
    static final String LAGGING = "MySQLReplicationLagging";
    /** The sleep of the session that holds the lock on the replica, released earlier by KILL. */
    static final String LOCK_HOLDER = "SELECT SLEEP(300)";
    private static final String UNREADY_NOW = "unready";
    private static final String SEEN = "fault seen by Prometheus";
    private static final String FIRING = "alert firing";

    @RegisterExtension
    final ScenarioCluster cluster = new ScenarioCluster();

    static List<Map<String, Object>> manifests(EngineVersion engine) {
        var manifests = ManifestEdits.setEnv(BootstrapStack.manifests(engine), SERVER, "REPLICA_MAX_LAG_SECONDS",
                String.valueOf(MAX_LAG_SECONDS));
        return ManifestEdits.setEnv(manifests, SERVER, "REPLICA_CATCH_UP_LAG_SECONDS", String.valueOf(CATCH_UP_LAG_SECONDS));
    }

    @ParameterizedTest(name = ScenarioCluster.ON_ENGINE)
    @MethodSource("mysqlcluster.bootstrap.ScenarioCluster#engines")
    void aReplicaThatFallsBehindLeavesTheReadsAndRaisesAnAlert(EngineVersion engine) {
        var manifests = manifests(engine);
        var sts = cluster.start(engine, manifests, EmulatedStatefulSet.Options.defaults());
        var db = cluster.db();
        sts.scaleTo(2, READY);
        EmulatedPod primary = sts.pod(0);
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

        var prometheus = HarnessPrometheus.start(sts, manifests);
        assertScrapedWithTheEngineNames(prometheus, db.dialect(), sts);
        assertNoAlerts(prometheus);
        MonitoringSettings thresholds = BootstrapStack.settings(engine).monitoring();
        Duration notRunningFor = prometheus.config().alertFor(NOT_RUNNING, Map.of());
        Duration laggingFor = prometheus.config().alertFor(LAGGING, Map.of("severity", "warning"));

        // the primary's readiness, sampled every 100 ms throughout
        var primaryUnready = new AtomicInteger();
        var primaryWatch = Executors.newSingleThreadScheduledExecutor();
        primaryWatch.scheduleAtFixedRate(() -> {
            if (!primary.ready()) {
                primaryUnready.incrementAndGet();
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        try {
            // the applier stops: no reads from pod 1 until it runs again, and the not-running alert (thread sql)
            String sqlRunning = ExporterMetrics.replicaSeries(db.dialect().sqlRunningColumn());
            long stopped = System.nanoTime();
            db.root(1).query(db.dialect().stopApplierSql());
            var applierStopped = Milestones.await(UNREADY, stopped, milestones(replica,
                    () -> !prometheus.query(sqlRunning + "{pod=\"" + replica.name() + "\"} == 0").isEmpty(),
                    () -> prometheus.firing(NOT_RUNNING, replica.name(), Map.of("thread", "sql", "role", "replica"))),
                    () -> replica.describe() + "\n" + prometheus.describe());
            assertFiresWithinItsFor(NOT_RUNNING, applierStopped, notRunningFor);
            assertProbeSays(sts, replica, "applier not running");
            db.root(1).query(db.dialect().startApplierSql());
            Await.until(READY, "pod 1 ready again and " + NOT_RUNNING + " resolved once its applier runs",
                    () -> replica.ready() && !prometheus.active(NOT_RUNNING, replica.name()),
                    () -> replica.describe() + "\n" + prometheus.describe());

            // the applier runs but waits on a lock held on the replica while a writer commits on the primary
            String lagSeries = ExporterMetrics.replicaSeries(db.dialect().lagColumn());
            Map<String, Long> lagging;
            long lag;
            try (var writer = new Writer(db.app(0), "t", 1001)) {
                writer.awaitCommits(5);
                assertTrue(replica.ready(), "pod 1 keeps up with the writer: " + replica.describe());
                var holder = CompletableFuture.supplyAsync(() -> db.root(1).execute("LOCK TABLES app.t READ; " + LOCK_HOLDER,
                        Duration.ofSeconds(330)));
                Await.until(Duration.ofSeconds(30), "the lock held on pod 1", () -> !lockHolders(db).isEmpty());
                long locked = System.nanoTime();
                lagging = Milestones.await(UNREADY, locked, milestones(replica,
                        () -> !prometheus.query(lagSeries + "{pod=\"" + replica.name() + "\"} > "
                                + thresholds.lagWarningSeconds()).isEmpty(),
                        () -> prometheus.firing(LAGGING, replica.name(), Map.of("severity", "warning"))),
                        () -> replica.describe() + "\n" + prometheus.describe());
                assertFiresWithinItsFor(LAGGING, lagging, laggingFor);
                db.assertReplicating(1);
                lag = Long.parseLong(db.replicaStatus(1).get(db.dialect().lagColumn()));
                assertTrue(lag > MAX_LAG_SECONDS, "the lag is real: " + lag + "s");
                assertProbeSays(sts, replica, "replication lag");

                for (List<String> session : lockHolders(db)) {
                    db.root(1).execute("KILL " + session.get(0));
                }
                holder.join();
                Await.until(UNREADY, "pod 1 ready again once caught up, and " + LAGGING + " resolved",
                        () -> replica.ready() && !prometheus.active(LAGGING, replica.name()),
                        () -> replica.describe() + "\n" + prometheus.describe());
                writer.awaitCommits(5);
            }
            db.awaitCaughtUp(1);
            db.assertSameData("t", db.count(0, "t"), List.of(0, 1));
            assertEquals(0, primaryUnready.get(), "the primary stayed ready throughout");
            assertEquals(List.of(), prometheus.query("count_over_time(ALERTS{pod=\"" + primary.name() + "\"}[1h])"),
                    "no alert was ever pending or firing for the primary");
            System.out.printf("replica health on %s: applier stopped -> unready %d ms, %s firing %d ms (seen by"
                    + " Prometheus at %d ms, for %d s); lock on a running applier -> unready %d ms, %s firing %d ms"
                    + " (lag above %d s seen at %d ms, for %d s; lag then %d s); readiness thresholds %d s / %d s, probe"
                    + " period 1 s, failure threshold 3; scrape and evaluation every %d s%n", engine,
                    applierStopped.get(UNREADY_NOW), NOT_RUNNING, applierStopped.get(FIRING), applierStopped.get(SEEN),
                    notRunningFor.toSeconds(), lagging.get(UNREADY_NOW), LAGGING, lagging.get(FIRING),
                    thresholds.lagWarningSeconds(), lagging.get(SEEN), laggingFor.toSeconds(), lag, MAX_LAG_SECONDS,
                    CATCH_UP_LAG_SECONDS, PrometheusConfig.INTERVAL.toSeconds());
        } finally {
            primaryWatch.shutdownNow();
        }
    }

    private static Map<String, BooleanSupplier> milestones(EmulatedPod replica, BooleanSupplier seen,
                                                           BooleanSupplier firing) {
        var conditions = new LinkedHashMap<String, BooleanSupplier>();
        conditions.put(UNREADY_NOW, () -> !replica.ready());
        conditions.put(SEEN, seen);
        conditions.put(FIRING, firing);
        return conditions;
    }

    /**
     * From the scrape that showed the fault, the alert fires at the evaluation its {@code for} after the first one
     * that saw it: not before its {@code for} (less the polling's slack), and within its {@code for} plus one
     * evaluation (plus the polling's slack).
     */
    private static void assertFiresWithinItsFor(String alert, Map<String, Long> times, Duration forDuration) {
        long took = times.get(FIRING) - times.get(SEEN);
        long earliest = forDuration.minus(POLL_SLACK).toMillis();
        long latest = forDuration.plus(PrometheusConfig.INTERVAL).plus(POLL_SLACK).toMillis();
        assertTrue(took >= earliest && took <= latest, alert + " fired " + took + " ms after Prometheus saw the fault;"
                + " its for is " + forDuration.toMillis() + " ms, one evaluation " + PrometheusConfig.INTERVAL.toMillis()
                + " ms: expected " + earliest + "-" + latest + " ms (" + times + ")");
    }

    /**
     * Both pods are scraped through the PodMonitor's relabelings (pod, namespace, role from the ordinal), the
     * replica's thread and lag series carry its engine's names, the primary has no replica series.
     */
    private static void assertScrapedWithTheEngineNames(HarnessPrometheus prometheus, SqlDialect dialect,
                                                        EmulatedStatefulSet sts) {
        String namespace = sts.template().namespace();
        String primary = sts.pod(0).name();
        String replica = sts.pod(1).name();
        Await.until(Duration.ofSeconds(30), "both exporters scraped with mysql_up 1",
                () -> prometheus.query("mysql_up == 1").size() == 2, prometheus::describe);
        var up = prometheus.query("up").stream().collect(Collectors.toMap(s -> s.labels().get("pod"), s -> s));
        assertEquals(Set.of(primary, replica), up.keySet(), "one target per pod: " + up);
        assertEquals("primary", up.get(primary).labels().get("role"));
        assertEquals("replica", up.get(replica).labels().get("role"));
        for (int ordinal : List.of(0, 1)) {
            var target = up.get(sts.pod(ordinal).name());
            assertEquals(1.0, target.value(), "scraped: " + target);
            assertEquals(namespace, target.labels().get("namespace"));
            assertEquals(PodLayout.EXPORTER_CONTAINER, target.labels().get("container"));
            assertEquals(PodLayout.METRICS_PORT_NAME, target.labels().get("endpoint"));
            assertEquals(sts.pod(ordinal).address() + ":" + PodLayout.METRICS_PORT, target.labels().get("instance"));
        }
        Await.until(Duration.ofSeconds(30), "the replica's status scraped",
                () -> !prometheus.query(ExporterMetrics.replicaSeries(dialect.lagColumn())).isEmpty(), prometheus::describe);
        var running = prometheus.query("{__name__=~\"mysql_slave_status_.*_running\"}");
        assertEquals(Set.of(ExporterMetrics.replicaSeries(dialect.ioRunningColumn()),
                        ExporterMetrics.replicaSeries(dialect.sqlRunningColumn())),
                running.stream().map(s -> s.labels().get("__name__")).collect(Collectors.toSet()), "in the engine's naming");
        for (var series : running) {
            assertEquals(replica, series.labels().get("pod"), "only the replica has replica status: " + series);
            assertEquals(1.0, series.value(), "running: " + series);
        }
        assertEquals(List.of(), prometheus.query("{__name__=~\"mysql_slave_status_.*\", pod=\"" + primary + "\"}"),
                "the primary replicates from nothing");
    }

    /** A healthy cluster raises nothing, not even a pending alert, over a few evaluations. */
    private static void assertNoAlerts(HarnessPrometheus prometheus) {
        ClusterNetwork.sleep(PrometheusConfig.INTERVAL.multipliedBy(3).toMillis());
        assertEquals(List.of(), prometheus.alerts(), "no alert on a healthy cluster");
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
}
