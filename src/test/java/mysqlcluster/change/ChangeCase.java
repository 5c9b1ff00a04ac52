package mysqlcluster.change;

import java.util.List;
import java.util.Map;
import mysqlcluster.TestStacks;
import mysqlcluster.render.SecretValues;
import mysqlcluster.settings.MapConfigSource;
import mysqlcluster.settings.Password;
import mysqlcluster.settings.Settings;
import mysqlcluster.settings.StackFile;

/**
 * One row of the change-impact table: a config change on a stack (after some setup edits), in words and as edits.
 * A password change edits no config value, only the password.
 */
record ChangeCase(String key, String change, String stack, List<ConfigEdit> setup, ConfigEdit edit, Password password) {
    static ChangeCase of(String key, String change, String stack, Object value) {
        return new ChangeCase(key, change, stack, List.of(), new ConfigEdit(key, value), null);
    }

    static ChangeCase after(ConfigEdit setup, String key, String change, String stack, Object value) {
        return new ChangeCase(key, change, stack, List.of(setup), new ConfigEdit(key, value), null);
    }

    static ChangeCase password(Password password, String stack) {
        return new ChangeCase(password.configKey(), "a new value", stack, List.of(), null, password);
    }

    Settings before() {
        return Settings.read(base());
    }

    Settings after() {
        return Settings.read(edit == null ? base() : edit.applyTo(base()));
    }

    SecretValues secretsBefore() {
        return secrets("old");
    }

    SecretValues secretsAfter() {
        return secrets(password == null ? "old" : "new");
    }

    private SecretValues secrets(String changedValue) {
        var values = new java.util.EnumMap<Password, String>(Password.class);
        for (Password p : Password.values()) {
            values.put(p, p == password ? changedValue : "same");
        }
        return new SecretValues(Map.copyOf(values));
    }

    private MapConfigSource base() {
        MapConfigSource source = StackFile.read(TestStacks.named(stack));
        for (ConfigEdit e : setup) {
            source = e.applyTo(source);
        }
        return source;
    }

    String label() {
        return "`" + key + "` " + change;
    }
}
