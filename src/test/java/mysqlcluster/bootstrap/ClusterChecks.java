package mysqlcluster.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import mysqlcluster.settings.Password;

/** Queries and waits on the emulated cluster's data: row counts, checksums, GTID positions, replica status. */
final class ClusterChecks {
    static final String ROOT = "root";
    static final Duration CATCH_UP = Duration.ofSeconds(90);

    private final EmulatedStatefulSet sts;
    private final SqlDialect dialect;

    ClusterChecks(EmulatedStatefulSet sts, SqlDialect dialect) {
        this.sts = sts;
        this.dialect = dialect;
    }

    SqlDialect dialect() {
        return dialect;
    }

    SqlClient root(int ordinal) {
        return sts.client(ordinal, ROOT, BootstrapStack.password(Password.ROOT));
    }

    /** The stack's ordinary application user (created by the image's entrypoint from MYSQL_USER / MARIADB_USER). */
    SqlClient app(int ordinal) {
        return sts.client(ordinal, "app", BootstrapStack.password(Password.APP));
    }

    /**
     * Inserts rows [first, first+count) into app.TABLE, in one transaction. The numbers come from cross joins of a
     * table of ten digits, which both engines run alike (MariaDB's seq_ tables and the recursion limits of CTEs differ).
     * They are inserted in key order, as a table grows by an auto-increment key: MySQL's hash join yields them
     * scrambled, and InnoDB then splits its pages half full (2.3 times the bytes per row of MariaDB's or a dump's).
     */
    void insertRows(String table, long first, long count) {
        root(0).query(insertRowsSql(table, first, count));
    }

    /** The statements of {@link #insertRows}. */
    static String insertRowsSql(String table, long first, long count) {
        var from = new StringBuilder();
        var number = new StringBuilder();
        long scale = 1;
        for (int i = 0; scale < count; i++, scale *= 10) {
            from.append(i == 0 ? "" : ", ").append("app.digits d").append(i);
            number.append(i == 0 ? "" : " + ").append(scale).append(" * d").append(i).append(".d");
        }
        String n = count == 1 ? "0" : number.toString();
        return "CREATE TABLE IF NOT EXISTS app.digits (d INT PRIMARY KEY) ENGINE=InnoDB; "
                + "INSERT IGNORE INTO app.digits VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9); "
                + "INSERT INTO app." + table + " (id, payload) SELECT " + first + " + n, CONCAT('row ', " + first
                + " + n, ' ', REPEAT('x', 100)) FROM (SELECT " + n + " AS n FROM " + (count == 1 ? "app.digits d0 WHERE d0.d = 0" : from)
                + ") AS numbers WHERE n < " + count + " ORDER BY n";
    }

    void createTable(String table) {
        root(0).query("CREATE TABLE app." + table + " (id BIGINT PRIMARY KEY, payload VARCHAR(200) NOT NULL) ENGINE=InnoDB");
    }

    /**
     * Rotates the primary's binary log and purges every file but the new one, as binlog_expire_logs_seconds would
     * after a long time. A file a binlog dump thread still reads is kept: the thread of a replica that went away
     * without a word (its pod's network is gone) lingers there, so every dump thread is killed first (connected
     * replicas reconnect within seconds), until only the new file is left.
     */
    void purgePrimaryBinaryLogs() {
        root(0).query("FLUSH BINARY LOGS");
        List<List<String>> logs = root(0).rows("SHOW BINARY LOGS");
        String active = logs.get(logs.size() - 1).get(0);
        Await.until(Duration.ofSeconds(30), "the primary's binary logs purged up to " + active, () -> {
            for (List<String> thread : root(0).rows("SELECT ID FROM information_schema.PROCESSLIST WHERE COMMAND LIKE 'Binlog Dump%'")) {
                root(0).execute("KILL " + thread.get(0));
            }
            root(0).query("PURGE BINARY LOGS TO '" + active + "'");
            return root(0).rows("SHOW BINARY LOGS").stream().map(row -> row.get(0)).toList().equals(List.of(active));
        }, () -> "binary logs: " + root(0).rows("SHOW BINARY LOGS"));
    }

    long count(int ordinal, String table) {
        return root(ordinal).number("SELECT COUNT(*) FROM app." + table);
    }

    String checksum(int ordinal, String table) {
        return root(ordinal).rows("CHECKSUM TABLE app." + table).get(0).get(1);
    }

    String primaryGtid() {
        return SqlDialect.normalizeGtid(root(0).value(dialect.primaryGtidSql()));
    }

    String replicaGtid(int ordinal) {
        return SqlDialect.normalizeGtid(root(ordinal).value(dialect.replicaGtidSql()));
    }

    /**
     * Waits until every replica has applied everything the primary has in its binary log. Both are read anew on each
     * poll: the sidecars may write to the primary meanwhile (they set the users' passwords there).
     */
    void awaitCaughtUp(int... replicas) {
        for (int r : replicas) {
            Await.until(CATCH_UP, "pod " + r + " at the primary's GTID position", () -> primaryGtid().equals(replicaGtid(r)),
                    () -> "primary at " + primaryGtid() + ", replica at " + replicaGtid(r) + "; replica status: "
                            + replicaStatus(r) + "\n" + sts.describe());
        }
    }

    /** SHOW REPLICA STATUS as column -> value; empty when not a replica. */
    Map<String, String> replicaStatus(int ordinal) {
        return root(ordinal).vertical("SHOW REPLICA STATUS");
    }

    /** Replicating from the primary, both threads running, positioned by GTID. */
    void assertReplicating(int ordinal) {
        Map<String, String> status = replicaStatus(ordinal);
        dialect.expectedReplicaStatus(sts.pod(0).host()).forEach((column, value) ->
                assertEquals(value, status.get(column), "pod " + ordinal + " " + column + ": " + status));
    }

    /** Same row count and CHECKSUM TABLE on every pod. */
    void assertSameData(String table, long expectedRows, List<Integer> ordinals) {
        String expectedChecksum = checksum(0, table);
        for (int o : ordinals) {
            assertEquals(expectedRows, count(o, table), "rows of app." + table + " on pod " + o);
            assertEquals(expectedChecksum, checksum(o, table), "CHECKSUM TABLE app." + table + " on pod " + o);
        }
    }
}
