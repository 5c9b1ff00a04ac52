package mysqlcluster.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import mysqlcluster.TestStacks;
import org.junit.jupiter.api.Test;

class SettingsTest {
    /** Full keys to raw values (objects as JSON text); the password keys are secrets. */
    static ConfigSource source(Map<String, String> values) {
        return new MapConfigSource(values, values.keySet().stream()
                .filter(k -> k.endsWith("Password")).collect(java.util.stream.Collectors.toSet()));
    }

    static final Map<String, String> PASSWORDS = Map.of(
            "mysql-cluster:rootPassword", "r", "mysql-cluster:replicationPassword", "p",
            "mysql-cluster:backupPassword", "b", "mysql-cluster:exporterPassword", "e");

    static Map<String, String> withPasswords(Map<String, String> values) {
        var all = new java.util.HashMap<>(PASSWORDS);
        all.putAll(values);
        return all;
    }

    @Test
    void emptyConfigWithPasswordsGivesTheDocumentedDefaults() {
        Settings s = Settings.read(source(PASSWORDS));
        assertEquals(new ClusterSettings("mysql", "mysql", true, 3, "mysql", null, 100, false), s.cluster());
        assertEquals(Engine.MYSQL, s.engine());
        assertEquals(EngineVersion.MYSQL_9_7, s.engineVersion());
        assertEquals("mysql:9.7.2", s.serverImage());
        assertEquals(72, s.server().binlogRetentionHours());
        assertEquals(3, s.storage().poolSize());
        assertEquals("host", s.storage().failureDomain());
        assertEquals("10Gi", s.storage().volumeSize());
        assertEquals("Retain", s.storage().reclaimPolicy());
        assertEquals("preferred", s.scheduling().antiAffinity());
        assertEquals(List.of(ClientSelector.SAME_NAMESPACE), s.network().allowedClients());
        assertEquals(Set.of(Password.ROOT, Password.REPLICATION, Password.BACKUP, Password.EXPORTER), s.passwords());
        assertEquals("prom/mysqld-exporter:v0.19.0", s.images().exporter());
        assertTrue(s.monitoring().exporter(), "the exporter is on unless turned off");
        assertFalse(s.monitoring().prometheusOperator(), "no Prometheus Operator objects unless asked for");
    }

    @Test
    void theExporterOffNeedsNoExporterPassword() {
        var values = new java.util.HashMap<>(PASSWORDS);
        values.remove("mysql-cluster:exporterPassword");
        values.put("mysql-cluster:monitoring", "{\"exporter\": false}");
        Settings s = Settings.read(source(values));
        assertFalse(s.requiredPasswords().contains(Password.EXPORTER));
    }

    @Test
    void givenKeysOverrideDefaultsOneByOne() {
        Settings s = Settings.read(source(withPasswords(Map.of(
                "mysql-cluster:cluster", "{\"replicas\": 5, \"engine\": \"mariadb\"}",
                "mysql-cluster:storage", "{\"volumeSize\": \"40Gi\"}"))));
        assertEquals(5, s.cluster().replicas());
        assertEquals(Engine.MARIADB, s.engine());
        assertEquals(EngineVersion.MARIADB_11_8, s.engineVersion());
        assertEquals("mariadb:11.8.8", s.serverImage());
        assertEquals("mysql", s.cluster().name(), "unset keys keep their default");
        assertEquals("40Gi", s.storage().volumeSize());
        assertEquals(3, s.storage().poolSize());
    }

    @Test
    void anImageOfTheConfiguredReleaseIsAcceptedWhateverThePatchLevel() {
        Settings s = Settings.read(source(withPasswords(Map.of(
                "mysql-cluster:cluster", "{\"version\": \"8.4\"}",
                "mysql-cluster:images", "{\"server\": \"registry.example.com:5000/mysql:8.4.5-oracle\"}"))));
        assertEquals(EngineVersion.MYSQL_8_4, s.engineVersion());
        assertEquals("registry.example.com:5000/mysql:8.4.5-oracle", s.serverImage());
        assertEquals("8.4", ImageSettings.series(s.serverImage()));
        assertEquals(null, ImageSettings.series("registry.example.com:5000/mysql@sha256:" + "a".repeat(64)));
    }

    @Test
    void everySupportedVersionHasAnImageOfItsOwnRelease() {
        assertEquals(List.of("8.4", "9.7"), EngineVersion.seriesOf(Engine.MYSQL));
        assertEquals(List.of("10.11", "11.4", "11.8"), EngineVersion.seriesOf(Engine.MARIADB));
        for (EngineVersion v : EngineVersion.values()) {
            assertTrue(v.defaultImage().startsWith(v.engine().id() + ":" + v.series() + "."), v + ": " + v.defaultImage());
            Settings s = Settings.read(source(withPasswords(Map.of("mysql-cluster:cluster",
                    "{\"engine\": \"" + v.engine().id() + "\", \"version\": \"" + v.series() + "\"}"))));
            assertEquals(v, s.engineVersion());
            assertEquals(v.defaultImage(), s.serverImage());
        }
    }

    @Test
    void quotedScalarsAreAcceptedAsPulumiConfigStoresThem() {
        Settings s = Settings.read(source(withPasswords(Map.of(
                "mysql-cluster:cluster", "{\"replicas\": \"4\", \"protect\": \"true\"}"))));
        assertEquals(4, s.cluster().replicas());
        assertEquals(true, s.cluster().protect());
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsKeyPath() {
        var e = assertThrows(InvalidConfigException.class, () -> Settings.read(source(withPasswords(Map.of(
                "mysql-cluster:cluster", "{\"replicas\": 0, \"engine\": \"postgres\", \"colour\": \"blue\"}",
                "mysql-cluster:storage", "{\"volumeSize\": \"40Gb\", \"poolSize\": 0, \"failureDomain\": \"planet\"}",
                "mysql-cluster:images", "{\"server\": \"mysql\"}")))));
        assertEquals(List.of(
                "mysql-cluster:cluster.colour: unknown key; allowed keys are name, namespace, createNamespace, replicas, "
                        + "engine, version, serverIdOffset, protect",
                "mysql-cluster:cluster.replicas: 0 is out of range; use an integer from 1 to 9",
                "mysql-cluster:cluster.engine: \"postgres\" is not allowed; use one of mysql, mariadb",
                "mysql-cluster:images.server: \"mysql\" is not a pinned image; use repository:tag or "
                        + "repository@sha256:digest, e.g. mysql:8.4.10",
                "mysql-cluster:storage.poolSize: 0 is out of range; use an integer from 1 to 7",
                "mysql-cluster:storage.failureDomain: \"planet\" is not allowed; use one of osd, host, chassis, rack, "
                        + "row, pdu, pod, room, datacenter, zone, region",
                "mysql-cluster:storage.volumeSize: \"40Gb\" is not a Kubernetes quantity; use e.g. 40Gi"),
                e.problems());
        assertTrue(e.getMessage().startsWith("Invalid stack configuration (7 problems):\n  - mysql-cluster:cluster.colour"));
    }

    @Test
    void stackFilesInTheRepositoryAreAllValid() {
        for (var file : TestStacks.all()) {
            Settings s = StackFile.load(file);
            assertTrue(s.cluster().replicas() >= 1, file.toString());
        }
    }
}
