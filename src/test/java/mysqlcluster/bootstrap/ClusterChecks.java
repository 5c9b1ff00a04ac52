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

    ClusterChecks(EmulatedStatefulSet sts) {
        this.sts = sts;
    }

    SqlClient root(int ordinal) {
        return sts.client(ordinal, ROOT, BootstrapStack.password(Password.ROOT));
    }

    /** The stack's ordinary application user (created by the image's entrypoint from MARIADB_USER). */
    SqlClient app(int ordinal) {
        return sts.client(ordinal, "app", BootstrapStack.password(Password.APP));
    }

    /** Inserts rows [first, first+count) into app.TABLE, in one transaction. */
    void insertRows(String table, long first, long count) {
        root(0).query("INSERT INTO app." + table + " (id, payload) SELECT seq, CONCAT('row ', seq, ' ', REPEAT('x', 100)) "
                + "FROM app.seq_" + first + "_to_" + (first + count - 1));
    }

    void createTable(String table) {
        root(0).query("CREATE TABLE app." + table + " (id BIGINT PRIMARY KEY, payload VARCHAR(200) NOT NULL) ENGINE=InnoDB");
    }

    long count(int ordinal, String table) {
        return root(ordinal).number("SELECT COUNT(*) FROM app." + table);
    }

    String checksum(int ordinal, String table) {
        return root(ordinal).rows("CHECKSUM TABLE app." + table).get(0).get(1);
    }

    String primaryGtid() {
        return root(0).value("SELECT @@GLOBAL.gtid_binlog_pos");
    }

    String replicaGtid(int ordinal) {
        return root(ordinal).value("SELECT @@GLOBAL.gtid_slave_pos");
    }

    /** Waits until every replica has applied everything the primary has in its binary log. */
    void awaitCaughtUp(int... replicas) {
        String target = primaryGtid();
        for (int r : replicas) {
            Await.until(CATCH_UP, "pod " + r + " at GTID " + target, () -> target.equals(replicaGtid(r)),
                    () -> "replica status: " + replicaStatus(r) + "\n" + sts.describe());
        }
    }

    /** SHOW REPLICA STATUS as column -> value; empty when not a replica. */
    Map<String, String> replicaStatus(int ordinal) {
        return root(ordinal).vertical("SHOW REPLICA STATUS\\G");
    }

    void assertReplicating(int ordinal) {
        Map<String, String> status = replicaStatus(ordinal);
        String primary = sts.pod(0).host();
        assertEquals(primary, status.get("Master_Host"), "pod " + ordinal + " replicates from the primary: " + status);
        assertEquals("Yes", status.get("Slave_IO_Running"), "pod " + ordinal + " IO thread: " + status);
        assertEquals("Yes", status.get("Slave_SQL_Running"), "pod " + ordinal + " SQL thread: " + status);
        assertEquals("Slave_Pos", status.get("Using_Gtid"), "pod " + ordinal + " uses GTID: " + status);
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
