package mysqlcluster.bootstrap;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import mysqlcluster.TestStacks;
import mysqlcluster.render.Renderer;
import mysqlcluster.render.SecretValues;
import mysqlcluster.settings.ClusterSettings;
import mysqlcluster.settings.EngineVersion;
import mysqlcluster.settings.Password;
import mysqlcluster.settings.Settings;

/**
 * The manifests of the bootstrap test stack (src/test/resources/stacks/Pulumi.bootstrap.yaml), rendered for each
 * engine version of the matrix.
 */
public final class BootstrapStack {
    public static final String STACK = "bootstrap";
    /** The engines every scenario runs on: the default of each engine, and MariaDB's oldest supported release. */
    public static final List<EngineVersion> MATRIX = List.of(EngineVersion.MYSQL_9_7, EngineVersion.MARIADB_11_8,
            EngineVersion.MARIADB_10_11);
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
        values.put(Password.EXPORTER, "exp \"pw\" #5 \\ 'x'");
        return values;
    }

    public static List<Map<String, Object>> manifests(EngineVersion version) {
        return Renderer.render(settings(version), new SecretValues(PASSWORDS));
    }

    /** The stack's settings with the engine and version of the matrix entry. */
    public static Settings settings(EngineVersion version) {
        Settings s = TestStacks.settings(STACK);
        ClusterSettings c = s.cluster();
        var cluster = new ClusterSettings(c.name(), c.namespace(), c.createNamespace(), c.replicas(),
                version.engine().id(), version.series(), c.serverIdOffset(), c.protect());
        return new Settings(cluster, s.images(), s.storage(), s.resources(), s.scheduling(), s.network(),
                s.credentials(), s.rollout(), s.server(), s.monitoring(), s.backup(), s.restore(), s.passwords());
    }

    public static String password(Password p) {
        return PASSWORDS.get(p);
    }
}
