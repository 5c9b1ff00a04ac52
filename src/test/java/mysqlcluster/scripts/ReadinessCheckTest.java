package mysqlcluster.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The readiness check of probe.sh (readiness.sh) on replica states the scenarios cannot hold still: run with bash on
 * each engine's file, the server a stub that answers SELECT 1 and prints a SHOW REPLICA STATUS in that engine's column
 * names. The state file lives in a temporary directory instead of the pod's /tmp.
 */
class ReadinessCheckTest {
    /** The thresholds of these tests (the stack's are configuration): reads stop above 30 s, resume at 10 s. */
    static final int MAX = 30;
    static final int CATCH_UP = 10;

    @TempDir
    Path tmp;

    /** The server's own names for the columns, per engine (MySQL 8.4/9.7 and MariaDB). */
    enum Engine {
        MYSQL("mysql", "Replica_IO_Running", "Replica_SQL_Running", "Seconds_Behind_Source"),
        MARIADB("mariadb", "Slave_IO_Running", "Slave_SQL_Running", "Seconds_Behind_Master");

        final String file;
        final String io;
        final String sql;
        final String lag;

        Engine(String file, String io, String sql, String lag) {
            this.file = file;
            this.io = io;
            this.sql = sql;
            this.lag = lag;
        }

        Engine other() {
            return this == MYSQL ? MARIADB : MYSQL;
        }

        /** SHOW REPLICA STATUS, vertical, as the client prints it (a column whose name extends another's included). */
        String status(String io, String sql, String lag) {
            return "*************************** 1. row ***************************\n"
                    + "  " + this.io + ": " + io + "\n"
                    + "  " + this.sql + ": " + sql + "\n"
                    + "  " + this.sql + "_State: Replica has read all relay log; waiting for more updates\n"
                    + "  Last_IO_Errno: 0\n  Last_IO_Error: \n  Last_SQL_Errno: 0\n  Last_SQL_Error: \n"
                    + "  " + this.lag + ": " + lag + "\n";
        }
    }

    record Result(int exit, String out) {
        boolean ready() {
            return exit == 0;
        }
    }

    Path stateFile() {
        return tmp.resolve("replica-ready");
    }

    Result check(Engine engine, String pod, String status) throws IOException, InterruptedException {
        String script = "set -euo pipefail\nsource common.sh\nsource engine/" + engine.file + ".sh\nsource readiness.sh\n"
                + "READY_STATE_FILE=\"$TEST_STATE_FILE\"\n"
                + "sql_value() { printf '1\\n'; }\n"
                + "show_replica_status() { printf '%s' \"$TEST_REPLICA_STATUS\"; }\n"
                + "ready_for_reads\n";
        var builder = new ProcessBuilder("bash", "-c", script).directory(EngineFunctionsTest.SCRIPTS.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(Map.of("HOSTNAME", pod, "REPLICA_MAX_LAG_SECONDS", String.valueOf(MAX),
                "REPLICA_CATCH_UP_LAG_SECONDS", String.valueOf(CATCH_UP), "TEST_STATE_FILE", stateFile().toString(),
                "TEST_REPLICA_STATUS", status));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), out);
    }

    /** A replica that was ready at its last check. */
    Result checkReady(Engine engine, String status) throws Exception {
        Files.writeString(stateFile(), "");
        return check(engine, "mysql-1", status);
    }

    /** A replica that was unready at its last check, or a new pod. */
    Result checkUnready(Engine engine, String status) throws Exception {
        Files.deleteIfExists(stateFile());
        return check(engine, "mysql-1", status);
    }

    void assertUnready(Result r, String why) {
        assertFalse(r.ready(), r.out());
        assertTrue(r.out().contains(why), "says why (" + why + "): " + r.out());
        assertEquals(1, r.out().strip().lines().count(), "one line: " + r.out());
        assertFalse(Files.exists(stateFile()), "the next check needs the lower threshold");
    }

    void assertReady(Result r) {
        assertTrue(r.ready(), r.out());
        assertTrue(Files.exists(stateFile()), "the next check allows up to the maximum");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void thePrimaryIsReadyWhateverReplicationSays(Engine engine) throws Exception {
        assertTrue(check(engine, "mysql-0", "").ready());
        assertTrue(check(engine, "mysql-0", engine.status("No", "No", "NULL")).ready());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRunningReplicaWithoutLagIsReady(Engine engine) throws Exception {
        assertReady(checkReady(engine, engine.status("Yes", "Yes", "0")));
        assertReady(checkUnready(engine, engine.status("Yes", "Yes", "0")));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aLagAboveTheMaximumMakesItUnready(Engine engine) throws Exception {
        assertUnready(checkReady(engine, engine.status("Yes", "Yes", String.valueOf(MAX + 1))), (MAX + 1) + "s");
        assertReady(checkReady(engine, engine.status("Yes", "Yes", String.valueOf(MAX))));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anUnknownLagMakesItUnready(Engine engine) throws Exception {
        assertUnready(checkReady(engine, engine.status("Yes", "Yes", "NULL")), engine.lag + ": NULL");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aReplicationThreadThatIsNotRunningMakesItUnready(Engine engine) throws Exception {
        assertUnready(checkReady(engine, engine.status("Connecting", "Yes", "0")), engine.io + ": Connecting");
        assertUnready(checkReady(engine, engine.status("No", "Yes", "NULL")), engine.io + ": No");
        assertUnready(checkReady(engine, engine.status("Yes", "No", "NULL")), engine.sql + ": No");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aReplicaWithoutReplicationIsUnready(Engine engine) throws Exception {
        assertUnready(checkReady(engine, ""), "not replicating");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void betweenTheThresholdsEachKeepsItsState(Engine engine) throws Exception {
        String between = engine.status("Yes", "Yes", String.valueOf((MAX + CATCH_UP) / 2));
        assertReady(checkReady(engine, between));
        assertUnready(checkUnready(engine, between), "catching up");
        // unready above the maximum, then still unready on the way down until the lower threshold
        assertUnready(checkReady(engine, engine.status("Yes", "Yes", String.valueOf(MAX * 2))), "above the maximum");
        assertUnready(check(engine, "mysql-1", between), "catching up");
        assertUnready(check(engine, "mysql-1", engine.status("Yes", "Yes", String.valueOf(CATCH_UP + 1))), "catching up");
        assertReady(check(engine, "mysql-1", engine.status("Yes", "Yes", String.valueOf(CATCH_UP))));
        assertReady(check(engine, "mysql-1", between));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aNewReplicaTakesNoReadsUntilItHasCaughtUp(Engine engine) throws Exception {
        assertUnready(checkUnready(engine, engine.status("Yes", "Yes", String.valueOf(CATCH_UP + 1))), "catching up");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theOtherEnginesColumnNamesAreNotRead(Engine engine) throws Exception {
        assertFalse(checkReady(engine, engine.other().status("Yes", "Yes", "0")).ready());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theCheckNeedsItsThresholds(Engine engine) throws Exception {
        String script = "set -euo pipefail\nsource common.sh\nsource engine/" + engine.file + ".sh\nsource readiness.sh\n"
                + "sql_value() { printf '1\\n'; }\nready_for_reads\n";
        var builder = new ProcessBuilder("bash", "-c", script).directory(EngineFunctionsTest.SCRIPTS.toFile())
                .redirectErrorStream(true);
        builder.environment().put("HOSTNAME", "mysql-1");
        builder.environment().remove("REPLICA_MAX_LAG_SECONDS");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, process.waitFor(), out);
        assertTrue(out.contains("REPLICA_MAX_LAG_SECONDS is missing"), out);
    }
}
