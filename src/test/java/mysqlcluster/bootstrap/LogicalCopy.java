package mysqlcluster.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mysqlcluster.settings.Password;

/**
 * (d) The logical copy: the image's {@code mysqldump}/{@code mariadb-dump --single-transaction --databases app},
 * in pod 1's network namespace reading pod 0 over the pod network, piped into the image's client loading a fresh
 * server of the same image. Every binary runs in its own container of the image root ({@link ImageCommand}), none from
 * the host. The fresh server: {@code --no-defaults} (the image's defaults: 128 MiB buffer pool, InnoDB durable on
 * commit), binary log off (the logical path is not charged for binlog writes), socket only, its datadir on the same
 * file system as the pods' volumes. Timed: the pipeline's exit (end of the stream), then {@code sync -f} (on disk);
 * checked: the restored rows equal the donor's.
 */
final class LogicalCopy {
    private static final String DIR = "/bench";
    private static final String SOCKET = DIR + "/s.sock";

    private final BenchCluster cluster;
    private final BenchDataset data;

    LogicalCopy(BenchCluster cluster, BenchDataset data) {
        this.cluster = cluster;
        this.data = data;
    }

    /** The dump tool of the image: mysqldump, or mariadb-dump (MariaDB 11 has no mysqldump name any more). */
    private String dumpTool() {
        return cluster.mysql() ? "mysqldump" : "mariadb-dump";
    }

    private List<String> initialise() {
        return cluster.mysql()
                ? List.of(cluster.sts().image().command(), "--no-defaults", "--initialize-insecure", "--user=root",
                        "--datadir=" + DIR + "/data")
                : List.of("mariadb-install-db", "--no-defaults", "--datadir=" + DIR + "/data", "--user=root",
                        "--auth-root-authentication-method=socket", "--skip-test-db", "--skip-name-resolve");
    }

    private List<String> localClient(String... args) {
        var command = new ArrayList<>(List.of(cluster.sts().image().client(), "--no-defaults", "--socket=" + SOCKET, "--user=root"));
        command.addAll(List.of(args));
        return command;
    }

    BenchSample measure() {
        var sts = cluster.sts();
        Path dir = cluster.fresh("logical");
        var here = new ImageCommand(sts, sts.pod(1).netns()).bind(dir, DIR, false);
        here.run(initialise(), null, Duration.ofMinutes(3)).check();
        Process server = here.start(List.of(sts.image().command(), "--no-defaults", "--user=root", "--datadir=" + DIR + "/data",
                "--socket=" + SOCKET, "--pid-file=" + DIR + "/pid", "--skip-networking", "--skip-log-bin",
                "--loose-mysqlx=OFF"), dir.resolve("server.log"));
        try {
            Await.until(Duration.ofSeconds(120), "the fresh server",
                    () -> here.run(localClient("-e", "SELECT 1"), null, Duration.ofSeconds(10)).ok(),
                    () -> BenchCluster.read(dir.resolve("server.log")));
            var donor = new SqlClient(sts, sts.pod(1).netns(), sts.pod(0).host(), "root", BootstrapStack.password(Password.ROOT));
            var dump = new ArrayList<>(List.of("bash", "-c", "set -o pipefail; \"$@\" | " + String.join(" ", localClient()),
                    "logical", dumpTool()));
            dump.addAll(donor.connectionOptions());
            dump.addAll(List.of("--single-transaction", "--databases", "app"));
            if (cluster.mysql()) {
                dump.add("--set-gtid-purged=OFF");
            }
            BenchCluster.sync();
            long t0 = System.nanoTime();
            donor.container().bind(dir, DIR, false).run(dump, null, Duration.ofHours(2)).check();
            double stream = BenchSample.seconds(t0);
            BenchCluster.sync(dir);
            double disk = BenchSample.seconds(t0);
            long restored = Long.parseLong(here.run(localClient("--batch", "--skip-column-names", "-e", data.rowCountSql()),
                    null, Duration.ofMinutes(5)).check().out().strip());
            long expected = cluster.db().root(0).number(data.rowCountSql());
            if (restored != expected) {
                throw new IllegalStateException("the logical copy has " + restored + " rows, the donor " + expected);
            }
            return new BenchSample(stream, disk, 0);
        } finally {
            // the copy is thrown away: SIGKILL to the server (unshare's child), unshare then ends
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
            try {
                server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ClusterNetwork.deleteTree(dir);
        }
    }
}
