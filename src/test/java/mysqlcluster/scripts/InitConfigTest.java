package mysqlcluster.scripts;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * init-config.sh, run for real with bash in a directory laid out like the pod's config volume: the exporter's option
 * file (mode 600, a [client] section mysqld_exporter's parser reads back to the same password), and none without
 * the exporter.
 */
class InitConfigTest {
    @TempDir
    Path dir;

    record Run(int exit, String out) {
    }

    Run initConfig(String pod, Map<String, String> extraEnv) throws IOException, InterruptedException {
        Path config = Files.createDirectories(dir.resolve("config"));
        for (String file : new String[] {"init-config.sh", "common.sh"}) {
            Files.copy(EngineFunctionsTest.SCRIPTS.resolve(file), config.resolve(file), REPLACE_EXISTING);
        }
        Files.copy(EngineFunctionsTest.SCRIPTS.resolve("engine/mariadb.sh"), config.resolve("engine.sh"), REPLACE_EXISTING);
        Path cnf = EngineFunctionsTest.SCRIPTS.resolveSibling("config");
        Files.copy(cnf.resolve("primary.cnf"), config.resolve("primary.cnf"), REPLACE_EXISTING);
        Files.copy(cnf.resolve("replica.cnf"), config.resolve("replica.cnf"), REPLACE_EXISTING);
        Files.createDirectories(dir.resolve("conf.d"));
        Files.createDirectories(dir.resolve("exporter"));
        var builder = new ProcessBuilder("bash", config.resolve("init-config.sh").toString()).redirectErrorStream(true);
        var env = new HashMap<>(Map.of("HOSTNAME", pod, "CONFIG_DIR", config.toString(),
                "CONF_D_DIR", dir.resolve("conf.d").toString(), "SERVER_ID_OFFSET", "100", "CONNECT_RETRY_COUNT", "86400",
                "BINLOG_BASENAME", "mysql-bin", "BINLOG_EXPIRE_SECONDS", "259200", "MYSQL_PORT", "3306"));
        env.put("REPLICA_NET_TIMEOUT_SECONDS", "10");
        env.putAll(extraEnv);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), out);
    }

    static Map<String, String> exporter(String password) {
        return Map.of("EXPORTER_USER", "exporter", "EXPORTER_HOST", "127.0.0.1", "EXPORTER_PASSWORD", password,
                "EXPORTER_CONFIG_FILE", "EXPORTER_DIR/my.cnf");
    }

    Map<String, String> withDir(Map<String, String> env) {
        var resolved = new HashMap<String, String>();
        env.forEach((k, v) -> resolved.put(k, v.replace("EXPORTER_DIR", dir.resolve("exporter").toString())));
        return resolved;
    }

    @Test
    void theExportersOptionFileIsPrivateAndHoldsTheAccountAndTheLocalServer() throws Exception {
        Run run = initConfig("mysql-1", withDir(exporter("ex \"pw\" #5 \\ 'x'")));
        assertEquals(0, run.exit(), run.out());
        Path file = dir.resolve("exporter/my.cnf");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("""
                [client]
                user = "exporter"
                password = "ex \\"pw\\" #5 \\ 'x'"
                host = 127.0.0.1
                port = 3306
                """, Files.readString(file));
        assertTrue(run.out().contains("the exporter logs in as exporter@127.0.0.1:3306"), run.out());
    }

    @Test
    void aRestartedInitContainerRewritesTheFileWithTheCurrentPassword() throws Exception {
        assertEquals(0, initConfig("mysql-0", withDir(exporter("old"))).exit());
        assertEquals(0, initConfig("mysql-0", withDir(exporter("new"))).exit());
        assertTrue(Files.readString(dir.resolve("exporter/my.cnf")).contains("password = \"new\"\n"));
    }

    @Test
    void aLineBreakInThePasswordIsRefusedWithTheReason() throws Exception {
        Run run = initConfig("mysql-0", withDir(exporter("two\nlines")));
        assertEquals(1, run.exit(), run.out());
        assertTrue(run.out().contains("the exporter's password (Secret key exporter-password) contains a line break"), run.out());
        assertFalse(Files.exists(dir.resolve("exporter/my.cnf")), "no half-written file");
    }

    @Test
    void withoutTheExporterThereIsNoOptionFile() throws Exception {
        Run run = initConfig("mysql-0", Map.of());
        assertEquals(0, run.exit(), run.out());
        assertFalse(Files.exists(dir.resolve("exporter/my.cnf")));
        assertTrue(Files.exists(dir.resolve("conf.d/primary.cnf")));
    }

    @Test
    void onlyMariadbGrantsTheExporterSlaveMonitor() throws Exception {
        var mariadb = EngineFunctionsTest.bash("mariadb", "engine_exporter_grants \"'exporter'@'127.0.0.1'\"", "");
        assertEquals("GRANT SLAVE MONITOR ON *.* TO 'exporter'@'127.0.0.1';", mariadb.out().strip());
        var mysql = EngineFunctionsTest.bash("mysql", "engine_exporter_grants \"'exporter'@'127.0.0.1'\"", "");
        assertEquals(0, mysql.exit(), mysql.out());
        assertEquals("", mysql.out().strip(), "REPLICATION CLIENT covers SHOW REPLICA STATUS on MySQL");
    }
}
