package mysqlcluster.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        ConfigKeys.defaults().forEach((key, value) -> defaults.put(Settings.fullKey(key), value));
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
}
