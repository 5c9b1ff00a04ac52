package mysqlcluster.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import mysqlcluster.TestStacks;
import org.junit.jupiter.api.Test;

/** The README's configuration table lists exactly the keys the settings records have, with their real defaults. */
class ReadmeConfigTableTest {
    @Test
    void readmeTableMatchesTheSettingsRecords() throws Exception {
        var documented = new LinkedHashMap<String, String>();
        for (String line : Files.readAllLines(TestStacks.ROOT.resolve("README.md"))) {
            if (line.startsWith("| `mysql-cluster:")) {
                String[] cells = line.split("(?<!\\\\)\\|");
                documented.put(cells[1].trim().replace("`", ""), cells[3].trim());
            }
        }
        var defaults = new LinkedHashMap<String, Object>();
        for (var entry : Map.of("cluster", (Record) Settings.DEFAULTS.cluster(), "images", Settings.DEFAULTS.images(),
                "storage", Settings.DEFAULTS.storage(), "resources", Settings.DEFAULTS.resources(),
                "scheduling", Settings.DEFAULTS.scheduling(), "network", Settings.DEFAULTS.network(),
                "credentials", Settings.DEFAULTS.credentials(), "rollout", Settings.DEFAULTS.rollout(),
                "server", Settings.DEFAULTS.server()).entrySet()) {
            collect("mysql-cluster:" + entry.getKey(), entry.getValue(), defaults);
        }
        for (Password p : Password.values()) {
            defaults.put(Settings.fullKey(p.configKey()), null);
        }
        assertEquals(new TreeSet<>(defaults.keySet()), new TreeSet<>(documented.keySet()),
                "every config key is documented, and only those");
        defaults.forEach((key, value) -> {
            String cell = documented.get(key);
            if (value == null || value instanceof java.util.Collection || value instanceof Map) {
                assertTrue(cell.startsWith("("), key + " has no single default value; README says " + cell);
            } else {
                assertEquals("`" + value + "`", cell, key);
            }
        });
    }

    private static void collect(String path, Record record, Map<String, Object> out) throws Exception {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            Object value = c.getAccessor().invoke(record);
            if (value instanceof Record nested) {
                collect(path + "." + c.getName(), nested, out);
            } else {
                out.put(path + "." + c.getName(), value);
            }
        }
    }
}
