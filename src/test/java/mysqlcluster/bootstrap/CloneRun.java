package mysqlcluster.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import mysqlcluster.cluster.PodLayout;

/**
 * (c) The clone exactly as rendered: pod 1 created anew on an emptied volume, so that its kubelet runs init-config and
 * then the "clone" init container (clone.sh) against pod 0. Timed from the clone container's start; on disk = the
 * container's exit (clone.sh syncs the clone before it marks it complete) and a {@code sync}. The end of the stream:
 * <ul>
 *   <li>MariaDB: clone.sh's log line "finishing the clone in", written as soon as its receive step returned (socat and
 *       mbstream exited, the end-of-stream file found), seen by polling the log every 2 ms; the extra time is
 *       {@code mariadb-backup --prepare}'s lifetime.</li>
 *   <li>MySQL: the end of the REDO COPY stage in the clone's performance_schema.clone_progress ({@link CloneStages},
 *       read from pod 1's server once it runs on the clone): the last byte from the donor is in (FILE COPY, PAGE COPY,
 *       REDO COPY done); what follows is the recipient's FILE SYNC, its exit and clone.sh's own sync. That log line
 *       would come only after FILE SYNC, an fsync of everything received: an end of the stream that includes the disk.
 *       The extra time is the recipient's set-up (mysqld --initialize-insecure up to its --init-file, which runs the
 *       clone), from the container's start to the first stage.</li>
 * </ul>
 * Pod 1's server then starts on the clone and stays until the next clone run deletes the pod.
 */
final class CloneRun {
    static final String CLONE = PodLayout.CLONE_CONTAINER;
    static final String FINISHING = "finishing the clone in";

    private final BenchCluster cluster;
    private Instant lastOnDisk;

    CloneRun(BenchCluster cluster) {
        this.cluster = cluster;
    }

    BenchSample measure() {
        var sts = cluster.sts();
        sts.deletePod(1);
        emptyVolume(sts.datadir(1).getParent());
        BenchCluster.sync();
        EmulatedPod pod = sts.createPod(1);
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        ContainerRun run;
        while ((run = pod.current(CLONE)) == null) {
            check(deadline, pod);
            ClusterNetwork.sleep(1);
        }
        Instant finishing = null;
        Instant prepareEnd = null;
        ProcessHandle prepare = null;
        long logLength = -1;
        while (run.running()) {
            check(deadline, pod);
            if (finishing == null) {
                long length = run.logFile().toFile().length();
                if (length != logLength) {
                    logLength = length;
                    if (run.log().contains(FINISHING)) {
                        finishing = Instant.now();
                    }
                }
            }
            // MariaDB's --prepare is timed here; MySQL's stages are read from pod 1's server afterwards
            if (!cluster.mysql() && finishing != null && prepare == null) {
                prepare = run.findProcess(cmd -> cmd.contains("--prepare")).orElse(null);
            } else if (prepare != null && prepareEnd == null && !prepare.isAlive()) {
                prepareEnd = Instant.now();
            }
            ClusterNetwork.sleep(finishing == null ? 2 : 1);
        }
        Instant exited = Instant.now();
        Integer code = run.exitCode();
        if (code == null || code != 0 || finishing == null) {
            throw new IllegalStateException("the clone of pod 1 failed (exit " + code + ")\n" + sts.describe());
        }
        BenchCluster.sync();
        Instant onDisk = Instant.now();
        lastOnDisk = onDisk;
        if (!Files.exists(sts.datadir(1).resolve(ScenarioCluster.CLONE_MARKER))) {
            throw new IllegalStateException("the clone left no " + ScenarioCluster.CLONE_MARKER + " marker\n" + run.log());
        }
        Instant started = run.started();
        double disk = BenchSample.between(started, onDisk);
        if (!cluster.mysql()) {
            if (prepareEnd == null) {
                prepareEnd = exited;
                cluster.note("--prepare was not caught running in a clone run: its time there is up to the container's exit");
            }
            return new BenchSample(BenchSample.between(started, finishing), disk, BenchSample.between(finishing, prepareEnd));
        }
        pod.awaitReady(BenchCluster.READY);
        CloneStages stages = CloneStages.read(cluster.db().root(1));
        Optional<Instant> streamEnd = stages.end(CloneStages.LAST_STREAMED);
        if (streamEnd.isEmpty()) {
            cluster.note("pod 1's clone_progress had no end of REDO COPY in a MySQL clone run: its end of the stream there is"
                    + " clone.sh's \"" + FINISHING + "\" (after FILE SYNC)");
        }
        BenchCluster.log("clone stages: " + stages);
        return new BenchSample(BenchSample.between(started, streamEnd.orElse(finishing)), disk,
                BenchSample.between(started, stages.firstBegin().orElse(started)));
    }

    /** When the last measured clone was on disk (before MySQL's stages are read from pod 1's server, once it is ready). */
    Instant lastOnDisk() {
        return lastOnDisk;
    }

    private void check(long deadline, EmulatedPod pod) {
        if (System.nanoTime() > deadline || "Failed".equals(pod.phase())) {
            throw new IllegalStateException("the clone of pod 1 did not end\n" + cluster.sts().describe());
        }
    }

    private static void emptyVolume(Path volume) {
        try (var children = Files.list(volume)) {
            for (Path p : children.toList()) {
                ClusterNetwork.deleteTree(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pod 1 ready on the last clone and holding the donor's rows: the clone is a working copy. */
    long checkRows(BenchDataset data) {
        cluster.sts().pod(1).awaitReady(BenchCluster.READY);
        long donor = cluster.db().root(0).number(data.rowCountSql());
        long cloned = cluster.db().root(1).number(data.rowCountSql());
        if (cloned != donor) {
            throw new IllegalStateException("the clone has " + cloned + " rows, the donor " + donor);
        }
        return cloned;
    }
}
