package mysqlcluster.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Commits one row per transaction in a loop, each on a new connection, and remembers the ids whose commit the client
 * saw succeed. A failed attempt (server down, connection refused) is counted and the loop goes on.
 */
final class Writer implements AutoCloseable {
    private final SqlClient client;
    private final String table;
    private final List<Long> committed = new ArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;
    private long next;

    Writer(SqlClient client, String table, long firstId) {
        this.client = client;
        this.table = table;
        this.next = firstId;
        this.thread = new Thread(this::loop, "writer-" + table);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        while (!stop.get()) {
            long id = next++;
            var result = client.execute("INSERT INTO app." + table + " (id, payload) VALUES (" + id + ", 'writer')");
            if (result.ok()) {
                synchronized (committed) {
                    committed.add(id);
                }
            } else {
                failures.incrementAndGet();
                ClusterNetwork.sleep(100);
            }
        }
    }

    List<Long> committed() {
        synchronized (committed) {
            return List.copyOf(committed);
        }
    }

    int failures() {
        return failures.get();
    }

    /** Waits until at least n more commits succeeded. */
    void awaitCommits(int n) {
        int target = committed().size() + n;
        Await.until(java.time.Duration.ofSeconds(60), n + " commits of the writer", () -> committed().size() >= target);
    }

    @Override
    public void close() {
        stop.set(true);
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String idList(List<Long> ids) {
        var text = new ArrayList<String>();
        ids.forEach(id -> text.add(Long.toString(id)));
        return String.join(",", text);
    }
}
