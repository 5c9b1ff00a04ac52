package mysqlcluster.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The backup benchmark's floors, in the uploader image with its own tar (busybox's, as the backup's upload runs it),
 * against the same object store as the backups, without the backup's checksum, manifest or consistent copy:
 * <ul>
 *   <li>up: the donor's datadir as {@code tar -cf - | rclone rcat} into one object;</li>
 *   <li>down: that object as {@code rclone cat | tar -xf -} into an empty directory on the volumes' file system, then
 *       {@code sync -f}.</li>
 * </ul>
 * Each is timed from its container's start to its end (down: and the sync).
 */
final class ObjectStoreFloor {
    private static final Duration LIMIT = Duration.ofMinutes(30);

    private final BenchCluster cluster;
    private final HarnessObjectStore store;
    private final String object;
    private final String chunkSize;
    private long uploaded;

    /** CHUNK_SIZE: the part size the backup's upload streams in, which the floor's upload uses too. */
    ObjectStoreFloor(BenchCluster cluster, HarnessObjectStore store, String bucket, String chunkSize) {
        this.cluster = cluster;
        this.store = store;
        this.object = ":s3:" + bucket + "/floor/data.tar";
        this.chunkSize = chunkSize;
    }

    /** The floor of a backup: SOURCE (a datadir) into the object, replacing the last one. */
    BenchSample up(Path source) {
        remove();
        long sourceBytes = BenchCluster.du(source);
        long t0 = System.nanoTime();
        var result = store.shell("{ tar -C /data -cf - . || echo \"tar exit $?\" >&2; } | rclone rcat --s3-chunk-size "
                + chunkSize + " " + object, source, true, LIMIT);
        double seconds = BenchSample.seconds(t0);
        result.check();
        result.err().lines().filter(l -> l.startsWith("tar")).forEach(l ->
                // tar exits 1 when a file changed while it read it (the server's housekeeping): a warning only
                cluster.note("floor upload: " + l.strip()));
        uploaded = size();
        if (Math.abs(uploaded - sourceBytes) > sourceBytes / 50) {
            throw new IllegalStateException("tar | rclone rcat stored " + uploaded + " bytes of a " + sourceBytes
                    + "-byte datadir");
        }
        return new BenchSample(seconds, seconds, 0);
    }

    /** The floor of a restore: the object into a fresh directory, on disk. */
    BenchSample down() {
        Path dest = cluster.fresh("restore-floor");
        long t0 = System.nanoTime();
        store.shell("set -o pipefail; rclone cat " + object + " | tar -C /data -xf -", dest, false, LIMIT).check();
        double stream = BenchSample.seconds(t0);
        BenchCluster.sync(dest);
        double disk = BenchSample.seconds(t0);
        long unpacked = BenchCluster.du(dest);
        ClusterNetwork.deleteTree(dest);
        if (Math.abs(unpacked - uploaded) > uploaded / 50) {
            throw new IllegalStateException("rclone cat | tar -x unpacked " + unpacked + " bytes of " + uploaded);
        }
        return new BenchSample(stream, disk, 0);
    }

    /** The object's size in bytes. */
    private long size() {
        String out = store.rclone(List.of("lsl", object), null, Duration.ofMinutes(1)).check().out().strip();
        return Long.parseLong(out.split("\\s+")[0]);
    }

    /** Deletes the object and frees its memory in the store. */
    void remove() {
        store.rclone(List.of("deletefile", object), null, Duration.ofMinutes(1));
        store.collectGarbage();
    }
}
