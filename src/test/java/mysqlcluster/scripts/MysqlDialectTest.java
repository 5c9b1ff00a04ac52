package mysqlcluster.scripts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import mysqlcluster.cluster.Resources;
import org.junit.jupiter.api.Test;

/**
 * MySQL 8.4 cannot run here, so its dialect is pinned by text: the engine file uses the 8.4 replication statements
 * and none of those 8.4 removed. The shared scripts carry no engine-specific SQL at all.
 */
class MysqlDialectTest {
    static final List<String> REMOVED_IN_84 = List.of("CHANGE MASTER", "START SLAVE", "STOP SLAVE", "SHOW SLAVE",
            "RESET MASTER", "RESET SLAVE", "MASTER_HOST", "MASTER_USER", "MASTER_PASSWORD", "MASTER_AUTO_POSITION",
            "MASTER_CONNECT_RETRY", "MASTER_RETRY_COUNT", "MASTER_PORT", "MASTER_USE_GTID");
    /** Every script but the engine files: whatever lies directly in scripts/, so a new script is covered too. */
    static List<String> shared() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(ShellcheckTest.SCRIPTS)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".sh")).sorted().toList();
        }
    }

    static String code(String script) {
        // comments may mention the old names; only code counts
        return Pattern.compile("(?m)^\\s*#.*$").matcher(Resources.text("scripts/" + script)).replaceAll("");
    }

    @Test
    void mysqlEngineUsesOnly84ReplicationSyntax() {
        String mysql = code("engine/mysql.sh").toUpperCase();
        for (String statement : List.of("CHANGE REPLICATION SOURCE TO", "SOURCE_AUTO_POSITION = 1",
                "GET_SOURCE_PUBLIC_KEY = 1", "SOURCE_CONNECT_RETRY", "SOURCE_RETRY_COUNT", "START REPLICA",
                "SUPER_READ_ONLY", "CLONE INSTANCE FROM", "PLUGIN_LOAD_ADD=MYSQL_CLONE.SO", "GRANT BACKUP_ADMIN ON")) {
            assertTrue(mysql.contains(statement), "engine/mysql.sh uses " + statement);
        }
        for (String removed : REMOVED_IN_84) {
            assertFalse(mysql.contains(removed), "engine/mysql.sh must not use " + removed + " (removed in MySQL 8.4)");
        }
        for (String tool : List.of("XTRABACKUP", "XBSTREAM", "SOCAT", "$CLONE_PORT")) {
            assertFalse(mysql.contains(tool), "engine/mysql.sh clones with CLONE INSTANCE, without " + tool);
        }
    }

    @Test
    void mariadbEngineUsesGtidReplicationFromTheSlavePosition() {
        String mariadb = code("engine/mariadb.sh").toUpperCase();
        for (String statement : List.of("CHANGE MASTER TO", "MASTER_USE_GTID = SLAVE_POS", "GTID_SLAVE_POS",
                "START SLAVE")) {
            assertTrue(mariadb.contains(statement), "engine/mariadb.sh uses " + statement);
        }
    }

    /** Binaries and statements belong to engine.sh; "--stream=xbstream" is the format name both tools share. */
    @Test
    void sharedScriptsHaveNoEngineSpecificStatements() throws Exception {
        List<String> shared = shared();
        assertTrue(shared.containsAll(List.of("common.sh", "clone.sh", "sidecar.sh", "serve-backup.sh")), shared.toString());
        for (String script : shared) {
            String text = code(script).toUpperCase();
            for (String engineOnly : List.of("CHANGE MASTER", "CHANGE REPLICATION SOURCE", "START SLAVE",
                    "START REPLICA", "XTRABACKUP", "MARIADB-BACKUP", "MBSTREAM", "XBSTREAM")) {
                var used = Pattern.compile("(?<![=\\w-])" + engineOnly + "(?![\\w-])").matcher(text);
                assertFalse(used.find(), script + " contains " + engineOnly);
            }
        }
    }
}
