package mysqlcluster.bootstrap;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A writer at a steady rate: one long-lived client session of the image's client, fed one autocommitted INSERT every
 * 1/RATE s (each a transaction of its own, with its own GTID); rows {@code (id, at)} of app.TABLE, {@code at} the
 * server's NOW(6). A server slower than the rate holds the client back, and the statements queue in its input: the
 * rate achieved is what the table holds at the end.
 */
final class PacedWriter implements AutoCloseable {
    private final SqlClient client;
    private final String table;
    private final Process process;
    private final Thread thread;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final long intervalNanos;
    private final long started;
    private volatile IOException failure;

    PacedWriter(SqlClient client, String table, int perSecond, Path log) {
        this.client = client;
        this.table = table;
        client.query("CREATE TABLE IF NOT EXISTS app." + table
                + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, at DATETIME(6) NOT NULL) ENGINE=InnoDB");
        this.process = client.container().start(client.command("--batch", "--skip-column-names"), log);
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        this.started = System.nanoTime();
        this.thread = new Thread(this::feed, "paced-writer-" + table);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void feed() {
        byte[] insert = ("INSERT INTO app." + table + " (at) VALUES (NOW(6));\n").getBytes(StandardCharsets.US_ASCII);
        try (OutputStream in = process.getOutputStream()) {
            for (long n = 0; !stop.get(); n++) {
                long wait = started + n * intervalNanos - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                in.write(insert);
                in.flush();
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the writer committed: rows, and the seconds from the first commit to the last. */
    record Written(long commits, double seconds) {
        double rate() {
            return commits / seconds;
        }
    }

    /** Stops feeding and lets the client commit what it was given and end; what was committed. */
    Written finish() {
        stop.set(true);
        try {
            thread.join(10_000);
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("the writer's client did not end cleanly (see its log)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (failure != null) {
            throw new IllegalStateException("the writer's client stopped reading", failure);
        }
        var row = client.rows("SELECT COUNT(*), TIMESTAMPDIFF(MICROSECOND, MIN(at), MAX(at)) FROM app." + table).get(0);
        return new Written(Long.parseLong(row.get(0)), Long.parseLong(row.get(1)) / 1e6);
    }

    @Override
    public void close() {
        stop.set(true);
        process.destroy();
    }
}
