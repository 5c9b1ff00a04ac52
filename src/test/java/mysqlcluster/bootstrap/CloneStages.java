package mysqlcluster.bootstrap;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * MySQL's clone as its recipient recorded it: performance_schema.clone_progress, read from the server that started on
 * the cloned datadir (the clone plugin keeps the last clone's stages in the datadir, and a server started on it shows
 * them; the recipient itself, mysqld's bootstrap run, has no performance_schema and no socket). Each stage (DROP DATA,
 * FILE COPY, PAGE COPY, REDO COPY, FILE SYNC, RESTART, RECOVERY) has its begin and end time, to the microsecond.
 */
final class CloneStages {
    static final String LAST_STREAMED = "REDO COPY";
    private static final String SQL = "SELECT STAGE, IFNULL(UNIX_TIMESTAMP(BEGIN_TIME), ''), IFNULL(UNIX_TIMESTAMP(END_TIME), '')"
            + " FROM performance_schema.clone_progress";

    private final Map<String, Instant[]> stages = new LinkedHashMap<>();

    static CloneStages read(SqlClient server) {
        var read = new CloneStages();
        for (var row : server.rows(SQL)) {
            read.stages.put(row.get(0), new Instant[] {instant(row.get(1)), instant(row.get(2))});
        }
        return read;
    }

    private static Instant instant(String epochSeconds) {
        if (epochSeconds.isEmpty()) {
            return null;
        }
        var seconds = new BigDecimal(epochSeconds);
        long whole = seconds.longValue();
        return Instant.ofEpochSecond(whole, seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue());
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
