package mysqlcluster.bootstrap;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mysqlcluster.cluster.PodLayout;

/**
 * A restore as rendered: the cluster's pods and volumes deleted, the StatefulSet rendered with restore.* (the latest
 * backup, to the end of the archive), and pod 0 created on an empty volume, so that its kubelet runs restore-fetch
 * (fetch and check the backup, MySQL's tar unpacked on the way) and then the clone step (MariaDB's stream unpacked
 * and prepared, the archive replayed, the accounts given this stack's passwords), and its server starts. Timed from
 * restore-fetch's start: the fetch to its end (the sample's stream), the datadir in place on disk to the clone
 * step's end (disk); from the pod's creation to its readiness (extra: the time to a serving primary).
 */
final class RestoreRun {
    private static final Duration LIMIT = Duration.ofMinutes(30);

    private final BenchCluster cluster;
    private final List<Map<String, Object>> restored;

    RestoreRun(BenchCluster cluster, List<Map<String, Object>> restored) {
        this.cluster = cluster;
        this.restored = restored;
    }

    BenchSample measure() {
        var sts = cluster.sts();
        sts.scaleTo(0, BenchCluster.READY);
        sts.deleteClaim(PodLayout.DATA_VOLUME, 0);
        sts.deleteClaim(PodLayout.DATA_VOLUME, 1);
        sts.update(restored);
        cluster.settle();
        Instant created = Instant.now();
        EmulatedPod pod = sts.createPod(0);
        Instant deadline = created.plus(LIMIT);
        ContainerRun clone = null;
        Instant cloneEnd = null;
        while (!pod.ready()) {
            if (Instant.now().isAfter(deadline) || "Failed".equals(pod.phase())) {
                throw new IllegalStateException("the restore of pod 0 did not end\n" + sts.describe());
            }
            if (clone == null) {
                clone = pod.current(PodLayout.CLONE_CONTAINER);
            } else if (cloneEnd == null && !clone.running()) {
                cloneEnd = Instant.now();
            }
            ClusterNetwork.sleep(2);
        }
        Instant ready = Instant.now();
        var fetches = pod.runs(PodLayout.RESTORE_FETCH_CONTAINER);
        if (clone == null || cloneEnd == null || fetches.size() != 1 || pod.runs(PodLayout.CLONE_CONTAINER).size() != 1
                || !clone.log().contains("datadir restored")) {
            throw new IllegalStateException("pod 0 was not restored in one fetch and one clone step\n" + pod.describe());
        }
        Instant fetch = fetches.get(0).started();
        return new BenchSample(BenchSample.between(fetch, clone.started()), BenchSample.between(fetch, cloneEnd),
                BenchSample.between(created, ready));
    }
}
