package mysqlcluster.settings;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every config key the settings records and the passwords define (without the project prefix), with its default. */
public final class ConfigKeys {
    private ConfigKeys() {
    }

    /** Key path (e.g. storage.volumeSize, rootPassword) to its default value; null where there is none. */
    public static Map<String, Object> defaults() {
        var defaults = new LinkedHashMap<String, Object>();
        var d = Settings.DEFAULTS;
        var objects = new LinkedHashMap<String, Record>();
        objects.put("cluster", d.cluster());
        objects.put("images", d.images());
        objects.put("storage", d.storage());
        objects.put("resources", d.resources());
        objects.put("scheduling", d.scheduling());
        objects.put("network", d.network());
        objects.put("credentials", d.credentials());
        objects.put("rollout", d.rollout());
        objects.put("server", d.server());
        objects.put("monitoring", d.monitoring());
        objects.put("backup", d.backup());
        objects.put("restore", d.restore());
        objects.forEach((key, record) -> collect(key, record, defaults));
        for (Password p : Password.values()) {
            defaults.put(p.configKey(), null);
        }
        return defaults;
    }

    private static void collect(String path, Record record, Map<String, Object> out) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            Object value;
            try {
                value = c.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (value instanceof Record nested) {
                collect(path + "." + c.getName(), nested, out);
            } else {
                out.put(path + "." + c.getName(), value);
            }
        }
    }
}
