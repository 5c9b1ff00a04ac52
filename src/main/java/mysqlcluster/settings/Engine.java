package mysqlcluster.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The database engines the cluster can run. Everything that differs between them in the manifests is here;
 * what differs in the bootstrap lives in scripts/engine/&lt;id&gt;.sh.
 */
public enum Engine {
    MYSQL("mysql", "mysql:8.4.10", "percona/percona-xtrabackup:8.4.0-6.1", "MYSQL_"),
    MARIADB("mariadb", "mariadb:11.4.12", "mariadb:11.4.12", "MARIADB_");

    private final String id;
    private final String defaultServerImage;
    private final String defaultBackupImage;
    private final String entrypointEnvPrefix;

    Engine(String id, String serverImage, String backupImage, String entrypointEnvPrefix) {
        this.id = id;
        this.defaultServerImage = serverImage;
        this.defaultBackupImage = backupImage;
        this.entrypointEnvPrefix = entrypointEnvPrefix;
    }

    public String id() {
        return id;
    }

    public String defaultServerImage() {
        return defaultServerImage;
    }

    public String defaultBackupImage() {
        return defaultBackupImage;
    }

    /** Prefix of the variables the official server image's entrypoint reads (ROOT_PASSWORD, DATABASE, USER, ...). */
    public String entrypointEnvPrefix() {
        return entrypointEnvPrefix;
    }

    /** The variable the official server image's entrypoint reads the root password from on first start. */
    public String rootPasswordEnv() {
        return entrypointEnvPrefix + "ROOT_PASSWORD";
    }

    /** The engine's bootstrap functions, a file under src/main/resources/scripts. */
    public String scriptResource() {
        return "engine/" + id + ".sh";
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Engine::id).toList();
    }

    public static Optional<Engine> byId(String id) {
        return Arrays.stream(values()).filter(e -> e.id.equals(id)).findFirst();
    }
}
