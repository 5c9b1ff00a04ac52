package mysqlcluster.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long each commit took to reach the bucket, read off the binary log archive itself: every archived file's index
 * (binlog-index.sh) gives each transaction's GTID and commit time, and the gateway stored the index after the file, at
 * its LastModified; the delay of a commit is that moment minus its commit time. Both clocks are this machine's (the
 * server's commit time, the gateway's). MariaDB's commit times are whole seconds: its delays read up to a second long.
 * The archive is watched from the start (every 2 s: the indexes copied, their LastModified noted), because a backup's
 * retention pass deletes the archived files it no longer needs meanwhile.
 */
final class ArchiveDelays implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The delays of the commits at or after a moment, in seconds. */
    record Result(int commits, double median, double p99, double max) {
    }

    private final HarnessObjectStore store;
    private final String archive;
    private final Path dir;
    private final Map<String, Instant> stored = new ConcurrentHashMap<>();
    private final Thread watcher;
    private volatile boolean stop;

    /** Starts watching ARCHIVE (":s3:bucket/prefix/binlog/"), copying its indexes into DIR. */
    ArchiveDelays(HarnessObjectStore store, String archive, Path dir) {
        this.store = store;
        this.archive = archive;
        this.dir = dir;
        this.watcher = new Thread(() -> {
            while (!stop) {
                poll();
                ClusterNetwork.sleep(2000);
            }
        }, "archive-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void poll() {
        var listing = store.rclone(List.of("lsjson", "--use-server-modtime", "--include", "*.index", archive), null,
                Duration.ofMinutes(1));
        if (!listing.ok()) {
            return;
        }
        try {
            for (JsonNode object : JSON.readTree(listing.out())) {
                stored.putIfAbsent(object.get("Name").asText(),
                        OffsetDateTime.parse(object.get("ModTime").asText()).toInstant());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.download(archive, "*.index", dir);
    }

    /**
     * Waits until LAST_GTID is in an archived index, within TIMEOUT, then measures the delays of the commits made
     * since FROM.
     */
    Result measure(String lastGtid, Instant from, Duration timeout) {
        Await.until(timeout, lastGtid + " archived", () -> {
            boolean archived = indexes(dir).stream().anyMatch(f -> read(f).contains("gtid " + lastGtid + " "));
            if (!archived) {
                ClusterNetwork.sleep(1000);
            }
            return archived;
        });
        close();
        poll();
        var delays = new ArrayList<Double>();
        for (Path index : indexes(dir)) {
            Instant at = stored.get(index.getFileName().toString());
            if (at == null) {
                throw new IllegalStateException("no LastModified noted for " + index);
            }
            for (String line : read(index).split("\n")) {
                String[] f = line.split(" ");
                if (f.length == 4 && f[0].equals("gtid")) {
                    long micros = Long.parseLong(f[2]);
                    Instant commit = Instant.ofEpochSecond(micros / 1_000_000, micros % 1_000_000 * 1000);
                    if (!commit.isBefore(from)) {
                        delays.add(BenchSample.between(commit, at));
                    }
                }
            }
        }
        if (delays.isEmpty()) {
            throw new IllegalStateException("no archived commit since " + from + " in " + dir);
        }
        delays.sort(Double::compare);
        return new Result(delays.size(), quantile(delays, 0.5), quantile(delays, 0.99), delays.get(delays.size() - 1));
    }

    private static double quantile(List<Double> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static List<Path> indexes(Path dir) {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".index")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops watching. */
    @Override
    public void close() {
        stop = true;
        try {
            watcher.join(Duration.ofMinutes(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
