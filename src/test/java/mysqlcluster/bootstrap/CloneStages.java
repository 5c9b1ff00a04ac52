package mysqlcluster.bootstrap;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MySQL's clone as its recipient reports it: performance_schema.clone_progress of the local server clone.sh starts in
 * the clone container (socket /tmp/local-server.sock, root without a password), read with the image's client inside
 * that container. Each stage (DROP DATA, FILE COPY, PAGE COPY, REDO COPY, FILE SYNC, ...) has its begin and end time
 * (microseconds), so how often it is read does not change the times, only whether the last stages are seen before
 * clone.sh stops that server: every 250 ms until FILE COPY is over, then every 50 ms.
 */
final class CloneStages {
    static final String LAST_STREAMED = "REDO COPY";
    private static final String SOCKET = "/tmp/local-server.sock";
    private static final String SQL = "SELECT STAGE, IFNULL(UNIX_TIMESTAMP(BEGIN_TIME), ''), IFNULL(UNIX_TIMESTAMP(END_TIME), '')"
            + " FROM performance_schema.clone_progress";

    private final EmulatedPod pod;
    private final String client;
    private final Map<String, Instant[]> stages = new LinkedHashMap<>();
    private long nextPoll;

    CloneStages(EmulatedPod pod, String client) {
        this.pod = pod;
        this.client = client;
    }

    /** Reads the table when it is time to; keeps what the last successful read said. */
    void poll() {
        if (System.nanoTime() < nextPoll) {
            return;
        }
        Host.Result r = pod.exec(mysqlcluster.cluster.PodLayout.CLONE_CONTAINER, List.of(client, "--no-defaults", "--socket=" + SOCKET, "--user=root",
                "--batch", "--skip-column-names", "-e", SQL), Duration.ofSeconds(5));
        if (r.ok()) {
            for (String line : r.out().strip().lines().toList()) {
                String[] f = line.split("\t", -1);
                if (f.length == 3) {
                    stages.put(f[0], new Instant[] {instant(f[1]), instant(f[2])});
                }
            }
        }
        boolean fileCopyDone = end("FILE COPY").isPresent();
        nextPoll = System.nanoTime() + Duration.ofMillis(fileCopyDone ? 50 : 250).toNanos();
    }

    private static Instant instant(String epochSeconds) {
        if (epochSeconds.isEmpty()) {
            return null;
        }
        var seconds = new java.math.BigDecimal(epochSeconds);
        long whole = seconds.longValue();
        return Instant.ofEpochSecond(whole, seconds.subtract(java.math.BigDecimal.valueOf(whole)).movePointRight(9).longValue());
    }

    Optional<Instant> end(String stage) {
        return Optional.ofNullable(stages.get(stage)).map(t -> t[1]);
    }

    /** When the first stage began: the recipient's set-up was done. */
    Optional<Instant> firstBegin() {
        return stages.values().stream().map(t -> t[0]).filter(java.util.Objects::nonNull).min(Instant::compareTo);
    }

    @Override
    public String toString() {
        var text = new StringBuilder();
        stages.forEach((stage, t) -> text.append(stage).append(' ').append(t[0]).append("..").append(t[1]).append("; "));
        return text.toString();
    }
}
