package mysqlcluster.bootstrap;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mysqlcluster.cluster.PodLayout;

/**
 * A full backup as rendered: a Job of the CronJob on the emulated cluster (EmulatedJob), its donor step then its
 * upload step, into the object store. Timed from the Job's start: the whole Job until Complete (the sample's disk:
 * what a backup costs), the upload step from its start to backup-full.sh's "backup ... complete" line, written once
 * the manifest is stored (stream), and the donor step before it (extra: choosing the donor and, on MySQL, the clone
 * into the job's volume). The upload step's retention pass comes after that line.
 */
final class BackupRun {
    static final String COMPLETE = "complete: engine ";
    private static final Duration LIMIT = Duration.ofMinutes(30);

    private final BenchCluster cluster;
    private final List<Map<String, Object>> manifests;
    private int jobs;

    BackupRun(BenchCluster cluster, List<Map<String, Object>> manifests) {
        this.cluster = cluster;
        this.manifests = manifests;
    }

    BenchSample measure() {
        var sts = cluster.sts();
        Instant started = Instant.now();
        try (var job = EmulatedJob.start(sts, manifests, ++jobs)) {
            EmulatedPod pod = job.awaitPod(0, Duration.ofMinutes(1));
            Instant deadline = started.plus(LIMIT);
            Instant complete = null;
            ContainerRun upload = null;
            long logLength = -1;
            while (job.status().equals("Running") && Instant.now().isBefore(deadline)) {
                if (upload == null) {
                    upload = pod.current(PodLayout.BACKUP_UPLOAD_CONTAINER);
                } else if (complete == null) {
                    long length = upload.logFile().toFile().length();
                    if (length != logLength) {
                        logLength = length;
                        if (upload.log().contains(COMPLETE)) {
                            complete = Instant.now();
                        }
                    }
                }
                ClusterNetwork.sleep(2);
            }
            Instant finished = Instant.now();
            if (!job.status().equals("Complete") || job.pods().size() != 1 || upload == null || complete == null) {
                throw new IllegalStateException("the backup job did not complete in one pod\n" + job.describe());
            }
            ContainerRun donor = pod.current(PodLayout.BACKUP_DONOR_CONTAINER);
            return new BenchSample(BenchSample.between(upload.started(), complete), BenchSample.between(started, finished),
                    BenchSample.between(donor.started(), upload.started()));
        }
    }
}
