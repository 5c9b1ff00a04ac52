package mysqlcluster.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A real S3 server beside the emulated StatefulSet, the one Rook's object store runs: Ceph's RADOS gateway over a
 * monitor and an OSD on memstore, cephx on (image root ceph-16.2, harness/object-store.sh), in a network namespace of
 * its own on the cluster network, where the pods reach it as HOST on port {@link #PORT}. One S3 user with a key pair
 * made for the run. The test's own S3 client is the uploader image's rclone (image root rclone-1.60), given the keys
 * in its environment, never as arguments. It stops with the cluster, whose teardown removes every namespace.
 */
final class HarnessObjectStore {
    static final String IMAGE_ROOT = "ceph-16.2";
    static final String CLIENT_ROOT = "rclone-1.60";
    static final int PORT = 7480;
    private static final Duration START = Duration.ofSeconds(120);
    private static final String READY = "object store ready";

    private final EmulatedStatefulSet sts;
    private final String host;
    private final String accessKey;
    private final String secretKey;
    private final Path log;
    private final Path state;
    private final Process process;
    private final String netns;
    private final String clientNs;

    private HarnessObjectStore(EmulatedStatefulSet sts, String host, String accessKey, String secretKey, Path log,
                               Path state, Process process, String netns, String clientNs) {
        this.sts = sts;
        this.host = host;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.log = log;
        this.state = state;
        this.process = process;
        this.netns = netns;
        this.clientNs = clientNs;
    }

    /** Starts it as HOST with MEMSTORE_BYTES of OSD memory (what it can hold) and waits until its user exists. */
    static HarnessObjectStore start(EmulatedStatefulSet sts, String host, long memstoreBytes) {
        return start(sts, host, memstoreBytes,
                "HARNESS" + UUID.randomUUID().toString().replace("-", "").substring(0, 13).toUpperCase(),
                UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Like start, its S3 user with the keys given (a test that hands them to the pods before the store is up). */
    static HarnessObjectStore start(EmulatedStatefulSet sts, String host, long memstoreBytes, String accessKey,
                                    String secretKey) {
        Path dir = sts.runDirectory().resolve("object-store");
        Path log = dir.resolve("object-store.log");
        try {
            Files.createDirectories(dir.resolve("state"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String netns = sts.addServiceNamespace("objects", List.of(host));
        var command = new ImageCommand(sts, ImageRoots.build(IMAGE_ROOT), netns)
                .bind(ImageStandIn.harnessFile("object-store.sh"), "/harness/object-store.sh", true)
                .bind(dir.resolve("state"), "/state", false);
        Process process = command.start(List.of("env", "STATE_DIR=/state", "S3_PORT=" + PORT,
                "S3_ACCESS_KEY=" + accessKey, "S3_SECRET_KEY=" + secretKey, "MEMSTORE_BYTES=" + memstoreBytes,
                "bash", "/harness/object-store.sh"), log);
        var store = new HarnessObjectStore(sts, host, accessKey, secretKey, log, dir.resolve("state"), process, netns,
                sts.addClientNamespace("s3-client"));
        Await.until(START, "the object store's S3 user", store::ready, store::logTail);
        return store;
    }

    /**
     * Makes BUCKET, trying again for a while: a gateway that has just answered its first request may still refuse a
     * bucket's creation on a loaded machine (a CI run failed so once).
     */
    void makeBucket(String bucket) {
        var last = new Host.Result[1];
        Await.until(Duration.ofSeconds(60), "bucket " + bucket + " made", () -> {
            last[0] = rclone(List.of("mkdir", ":s3:" + bucket), null, Duration.ofSeconds(30));
            return last[0].ok();
        }, () -> last[0].out() + last[0].err() + "\n" + logTail());
    }

    /**
     * Frees the memory of deleted objects now. The gateway hands a deleted object's data to its garbage collector,
     * which frees it hours later; on memstore that data is the OSD's memory, which a benchmark of large backups would
     * run out of.
     */
    void collectGarbage() {
        new ImageCommand(sts, ImageRoots.build(IMAGE_ROOT), netns).bind(state, "/state", false)
                .run(List.of("env", "CEPH_CONF=/state/ceph.conf", "radosgw-admin", "gc", "process", "--include-all"),
                        null, Duration.ofMinutes(5)).check();
    }

    /** Its address on the cluster network. */
    String address() {
        return sts.address(netns);
    }

    /** The S3 endpoint, as the pods name it. */
    String endpoint() {
        return "http://" + host + ":" + PORT;
    }

    String accessKey() {
        return accessKey;
    }

    String secretKey() {
        return secretKey;
    }

    /** rclone ARGS against the store (remote ":s3:"), in a client namespace, the keys in its environment. */
    Host.Result rclone(List<String> args, Path input, Duration timeout) {
        return rcloneWithKeys(accessKey, secretKey, args, input, timeout);
    }

    /** The objects under REMOTE (":s3:bucket/path") whose names match INCLUDE (an rclone filter), copied into DIR. */
    void download(String remote, String include, Path dir) {
        var command = new ImageCommand(sts, ImageRoots.build(CLIENT_ROOT), clientNs).bind(dir, "/out", false);
        run(command, accessKey, secretKey, List.of("copy", "--include", include, remote, "/out"), null,
                Duration.ofMinutes(2)).check();
    }

    /** Like rclone, with the key pair given (to see a wrong one refused). */
    Host.Result rcloneWithKeys(String access, String secret, List<String> args, Path input, Duration timeout) {
        return run(new ImageCommand(sts, ImageRoots.build(CLIENT_ROOT), clientNs), access, secret, args, input, timeout);
    }

    /**
     * SCRIPT run by the uploader image's shell (busybox's applets first on PATH, as its scripts run), with rclone
     * reaching the store as the remote ":s3:", in a client namespace, DIR at /data: a pipeline of rclone and other
     * tools (a benchmark's floor).
     */
    Host.Result shell(String script, Path dir, boolean readOnly, Duration timeout) {
        var command = new ImageCommand(sts, ImageRoots.build(CLIENT_ROOT), clientNs).bind(dir, "/data", readOnly);
        var argv = environment(accessKey, secretKey);
        argv.addAll(List.of("PATH=" + UploaderScript.PATH, "sh", "-c", script));
        return command.run(argv, null, timeout);
    }

    private List<String> environment(String access, String secret) {
        return new ArrayList<>(List.of("env", "HOME=/tmp", "RCLONE_CONFIG=/dev/null", "RCLONE_S3_PROVIDER=Ceph",
                "RCLONE_S3_ENDPOINT=" + endpoint(), "RCLONE_S3_ACCESS_KEY_ID=" + access,
                "RCLONE_S3_SECRET_ACCESS_KEY=" + secret, "RCLONE_RETRIES=1", "RCLONE_LOW_LEVEL_RETRIES=1"));
    }

    private Host.Result run(ImageCommand command, String access, String secret, List<String> args, Path input,
                            Duration timeout) {
        var argv = environment(access, secret);
        if (input == null) {
            argv.add("rclone");
            argv.addAll(args);
        } else {
            command.bind(input, "/input", true);
            argv.addAll(List.of("sh", "-c", "rclone \"$@\" </input", "rclone"));
            argv.addAll(args);
        }
        return command.run(argv, null, timeout);
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the object store exited (" + process.exitValue() + "):\n" + logTail());
        }
        try {
            return Files.exists(log) && Files.readString(log).contains(READY);
        } catch (IOException e) {
            return false;
        }
    }

    String logTail() {
        return LogTail.of(log, 30);
    }
}
