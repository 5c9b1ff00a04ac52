package mysqlcluster.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import mysqlcluster.DocPage;
import org.junit.jupiter.api.Test;

/** The configuration reference lists exactly the keys the settings records have, with their real defaults. */
class ConfigReferenceTest {
    @Test
    void theTableMatchesTheSettingsRecords() {
        var documented = new LinkedHashMap<String, String>();
        for (String line : DocPage.CONFIGURATION.lines()) {
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
                assertTrue(cell.startsWith("("),
                        key + " has no single default value; " + DocPage.CONFIGURATION.file() + " says " + cell);
            } else {
                assertEquals("`" + value + "`", cell, key);
            }
        });
    }
}
