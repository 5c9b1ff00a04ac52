package mysqlcluster.bootstrap;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import mysqlcluster.TestStacks;
import mysqlcluster.render.Renderer;
import mysqlcluster.render.SecretValues;
import mysqlcluster.settings.Password;

/** The manifests of the bootstrap test stack (src/test/resources/stacks/Pulumi.bootstrap.yaml), rendered. */
public final class BootstrapStack {
    public static final String STACK = "bootstrap";
    /** Passwords with the characters that break naive quoting: space, quotes, #, backslash, $. */
    public static final Map<Password, String> PASSWORDS = passwords();

    private BootstrapStack() {
    }

    private static Map<Password, String> passwords() {
        var values = new EnumMap<Password, String>(Password.class);
        values.put(Password.ROOT, "root pw 'x' \"y\" #1 \\ $HOME");
        values.put(Password.REPLICATION, "repl'pw#2\\");
        values.put(Password.BACKUP, "backup \"pw\" $3");
        values.put(Password.APP, "app pw #4");
        return values;
    }

    public static List<Map<String, Object>> manifests() {
        return Renderer.render(TestStacks.settings(STACK), new SecretValues(PASSWORDS));
    }

    public static String password(Password p) {
        return PASSWORDS.get(p);
    }
}
