package mysqlcluster.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * (b) The transport floor: pod 0's datadir as {@code tar -cf - | socat -b 1048576 -u STDIN TCP-LISTEN} in pod 0's
 * network namespace, received by {@code socat -b 1048576 -u TCP:<pod 0> STDOUT | tar -xf -} in pod 1's, into a
 * directory on the same file system as pod 1's volume. The host's tar and socat (the MySQL image has no socat):
 * the same for every engine. The end of the stream is the receiver's exit, on disk a {@code sync -f} after it.
 */
final class TransportFloor {
    static final int PORT = 4444;

    private final BenchCluster cluster;

    TransportFloor(BenchCluster cluster) {
        this.cluster = cluster;
    }

    BenchSample measure(long sourceBytes) {
        var sts = cluster.sts();
        Path dest = cluster.fresh("floor");
        Path senderLog = cluster.dir().resolve("floor-sender.log");
        long t0 = System.nanoTime();
        Process sender;
        try {
            sender = new ProcessBuilder("ip", "netns", "exec", sts.pod(0).netns(), "bash", "-c",
                    "set -o pipefail; tar -cf - -C \"$1\" . | socat -b 1048576 -u STDIN TCP-LISTEN:" + PORT + ",reuseaddr",
                    "floor-sender", sts.datadir(0).toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(senderLog.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Host.Result receiver = Host.run(List.of("ip", "netns", "exec", sts.pod(1).netns(), "bash", "-c",
                "set -o pipefail; socat -b 1048576 -u TCP:" + sts.pod(0).host() + ":" + PORT + ",retry=500,interval=0.01 STDOUT"
                        + " | tar -xf - -C \"$1\"", "floor-receiver", dest.toString()), null, null, Duration.ofMinutes(30));
        double stream = BenchSample.seconds(t0);
        receiver.check();
        BenchCluster.sync(dest);
        double disk = BenchSample.seconds(t0);
        int senderExit = waitFor(sender);
        if (senderExit != 0) {
            // tar exits 1 when a file changed while it read it (the idle server's housekeeping): a warning only
            cluster.note("floor sender exit " + senderExit + ": " + BenchCluster.read(senderLog).strip());
        }
        long copied = BenchCluster.du(dest);
        if (Math.abs(copied - sourceBytes) > sourceBytes / 50) {
            throw new IllegalStateException("tar | socat | tar copied " + copied + " bytes of " + sourceBytes);
        }
        ClusterNetwork.deleteTree(dest);
        return new BenchSample(stream, disk, 0);
    }

    private static int waitFor(Process p) {
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
