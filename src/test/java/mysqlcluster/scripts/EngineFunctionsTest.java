package mysqlcluster.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mysqlcluster.TestStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine functions' decisions on inputs the scenarios do not produce at will: both MariaDB backup info file
 * namings (10.11's xtrabackup_*, 11.x's mariadb_backup_*), MySQL's clone handing over no position, and whether
 * replication may set the start position.
 * Runs the functions with bash; the server is a stub that answers one value.
 */
class EngineFunctionsTest {
    static final Path SCRIPTS = TestStacks.ROOT.resolve("src/main/resources/scripts");

    @TempDir
    Path backup;

    record Result(int exit, String out) {
    }

    /** Sources common.sh and the engine file, stubs sql_value with SERVER_ANSWER, runs the code. */
    static Result bash(String engine, String code, String serverAnswer) throws IOException, InterruptedException {
        String script = "set -euo pipefail\nsource common.sh\nsource engine/" + engine + ".sh\n"
                + "sql_value() { printf '%s\\n' \"$SERVER_ANSWER\"; }\n" + code + "\n";
        var builder = new ProcessBuilder("bash", "-c", script).directory(SCRIPTS.toFile()).redirectErrorStream(true);
        builder.environment().putAll(Map.of("HOSTNAME", "mysql-2", "GOVERNING_SERVICE", "mysql", "MYSQL_PORT", "3306",
                "REPLICATION_USER", "replication", "REPLICATION_PASSWORD", "it's \\ secret", "CONNECT_RETRY_SECONDS", "5",
                "CONNECT_RETRY_COUNT", "86400", "SERVER_ANSWER", serverAnswer, "REPLICA_NET_TIMEOUT_SECONDS", "11",
                "HEARTBEAT_PERIOD_SECONDS", "3"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), out);
    }

    String position(String engine) throws Exception {
        Result r = bash(engine, "engine_clone_position '" + backup + "'", "");
        assertEquals(0, r.exit(), r.out());
        return r.out().strip();
    }

    @Test
    void mariadb11BackupOfAReplicaStartsFromItsSlavePosition() throws Exception {
        Files.writeString(backup.resolve("mariadb_backup_binlog_info"), "mysql-bin.000003\t3456\t0-101-9\n");
        Files.writeString(backup.resolve("mariadb_backup_slave_info"),
                "SET GLOBAL gtid_slave_pos = '0-100-42,1-100-7';\nCHANGE MASTER TO master_use_gtid = slave_pos;\n");
        assertEquals("0-100-42,1-100-7", position("mariadb"));
    }

    @Test
    void mariadb1011BackupOfThePrimaryStartsFromItsBinlogPosition() throws Exception {
        Files.writeString(backup.resolve("xtrabackup_binlog_info"), "mysql-bin.000002\t137586\t0-100-80\n");
        assertEquals("0-100-80", position("mariadb"));
    }

    @Test
    void aBackupWithoutPositionIsRefused() throws Exception {
        assertEquals(1, bash("mariadb", "engine_clone_position '" + backup + "'", "").exit());
    }

    @Test
    void mysqlRecipientRunsTheCloneFromItsInitFileAndThenMarksItDone() throws Exception {
        Result r = bash("mysql", "BACKUP_USER=backup BACKUP_PASSWORD=\"it's \\\\ secret\" clone_sql mysql-0.mysql /data/clone-tmp", "");
        assertEquals(0, r.exit(), r.out());
        assertEquals(List.of("INSTALL PLUGIN clone SONAME 'mysql_clone.so';",
                "SET GLOBAL clone_valid_donor_list = 'mysql-0.mysql:3306';",
                "CLONE INSTANCE FROM 'backup'@'mysql-0.mysql':3306 IDENTIFIED BY 'it''s \\\\ secret' DATA DIRECTORY = '/data/clone-tmp';",
                "SELECT 'cloned' INTO OUTFILE '/tmp/clone-recipient.done';"), r.out().lines().toList(),
                "the plugin and the only valid donor first, the done file only after the clone (the bootstrap stops at the first error)");
    }

    @Test
    void clientOptionsAreAPrivateFileThatIsGoneWhenTheScriptExits() throws Exception {
        String code = "reach_donor() { local options; write_client_options options backup \"$REPLICATION_PASSWORD\" mysql-0.mysql;"
                + " stat -c '%a %n' \"$options\"; cat \"$options\"; }; reach_donor";
        Result r = bash("mysql", code, "");
        assertEquals(0, r.exit(), r.out());
        List<String> lines = r.out().lines().toList();
        String[] modeAndPath = lines.get(0).split(" ", 2);
        assertEquals("600", modeAndPath[0], "only the script's user reads a password file");
        assertTrue(modeAndPath[1].startsWith("/tmp/client-options."), modeAndPath[1]);
        assertEquals(List.of("[client]", "user=\"backup\"", "password=\"it's \\\\ secret\"", "host=mysql-0.mysql", "port=3306"),
                lines.subList(1, lines.size()), "the backslash escaped for the option file's parser");
        assertFalse(Files.exists(Path.of(modeAndPath[1])), "removed when the script exited, though made inside a function");
    }

    @Test
    void mysqlServerVersionIsTheVersionOfTheImagesMysqld() throws Exception {
        String official = "mysqld() { printf '/usr/sbin/mysqld  Ver 9.7.0 for Linux on x86_64 (MySQL Community Server - GPL)\\n'; }";
        String debian = "mysqld() { printf '/usr/sbin/mysqld  Ver 9.7.4-2 for Linux on x86_64 ((Debian))\\n'; }";
        assertEquals("9.7.0", bash("mysql", official + "; server_version", "").out().strip());
        assertEquals("9.7.4-2", bash("mysql", debian + "; server_version", "").out().strip());
    }

    @Test
    void mysqlCloneCarriesItsOwnGtidSetSoThereIsNoPositionToHandOver() throws Exception {
        Result r = bash("mysql", "engine_clone_position '" + backup + "'", "");
        assertEquals(0, r.exit(), r.out());
        assertEquals("", r.out().strip());
        Result replication = bash("mysql", "engine_replication_sql ''", "");
        assertFalse(replication.out().contains("gtid_purged"), "no position is forced on a clone: " + replication.out());
    }

    @Test
    void mariadbSetsThePositionOnlyOnAFreshOrEqualReplica() throws Exception {
        for (String current : List.of("", "0-100-80")) {
            Result r = bash("mariadb", "engine_replication_sql 0-100-80", current);
            assertEquals(0, r.exit(), r.out());
            assertTrue(r.out().contains("SET GLOBAL gtid_slave_pos = '0-100-80';"), r.out());
            assertTrue(r.out().contains("CHANGE MASTER TO MASTER_HOST = 'mysql-0.mysql', MASTER_PORT = 3306, "
                    + "MASTER_USER = 'replication', MASTER_PASSWORD = 'it''s \\\\ secret', MASTER_USE_GTID = slave_pos, "
                    + "MASTER_CONNECT_RETRY = 5, MASTER_HEARTBEAT_PERIOD = 3;"), r.out());
            assertTrue(r.out().strip().endsWith("START SLAVE;"), r.out());
        }
        Result ahead = bash("mariadb", "engine_replication_sql 0-100-80", "0-100-95");
        assertFalse(ahead.out().contains("SET GLOBAL gtid_slave_pos"), "a replica past the clone position keeps it: " + ahead.out());
    }

    @Test
    void mysqlSetsGtidPurgedOnlyOnAnEmptyServer() throws Exception {
        String gtid = "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5";
        Result fresh = bash("mysql", "engine_replication_sql " + gtid, "");
        assertTrue(fresh.out().contains("SET GLOBAL gtid_purged = '" + gtid + "';"), fresh.out());
        assertTrue(fresh.out().contains("CHANGE REPLICATION SOURCE TO SOURCE_HOST = 'mysql-0.mysql', SOURCE_PORT = 3306, "
                + "SOURCE_USER = 'replication', SOURCE_PASSWORD = 'it''s \\\\ secret', SOURCE_AUTO_POSITION = 1, "
                + "GET_SOURCE_PUBLIC_KEY = 1, SOURCE_CONNECT_RETRY = 5, SOURCE_RETRY_COUNT = 86400, SOURCE_HEARTBEAT_PERIOD = 3;"),
                fresh.out());
        assertTrue(fresh.out().strip().endsWith("START REPLICA;"), fresh.out());
        Result restored = bash("mysql", "engine_replication_sql " + gtid, gtid);
        assertFalse(restored.out().contains("gtid_purged"), "a server with executed GTIDs keeps them: " + restored.out());
    }

    @Test
    void engineCnfGivesEachEngineItsOwnOptions() throws Exception {
        assertEquals("[mysqld]\nbinlog_format=ROW\nlog_slave_updates=ON\ngtid_strict_mode=ON\nmaster_retry_count=86400"
                + "\nslave_net_timeout=11", bash("mariadb", "engine_server_cnf", "").out().strip());
        assertEquals("[mysqld]\ngtid_mode=ON\nenforce_gtid_consistency=ON\nplugin_load_add=mysql_clone.so"
                + "\nreplica_net_timeout=11", bash("mysql", "engine_server_cnf", "").out().strip());
    }

    @Test
    void aRunningReplicaGetsTheHeartbeatPeriodWithoutASetUpAnew() throws Exception {
        assertEquals("STOP REPLICA IO_THREAD;\nCHANGE REPLICATION SOURCE TO SOURCE_HEARTBEAT_PERIOD = 3;\nSTART REPLICA IO_THREAD;",
                bash("mysql", "engine_source_heartbeat_sql 3", "").out().strip());
        assertEquals("STOP SLAVE;\nCHANGE MASTER TO MASTER_HEARTBEAT_PERIOD = 3;\nSTART SLAVE;",
                bash("mariadb", "engine_source_heartbeat_sql 3", "").out().strip());
        assertEquals("2.000", bash("mysql", "engine_source_heartbeat", "2.000").out().strip());
        assertEquals(1, bash("mysql", "engine_source_heartbeat", "").exit(), "no replication set up, nothing to refresh");
    }
}
