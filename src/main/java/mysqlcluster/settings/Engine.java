package mysqlcluster.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The database engines the cluster can run, and how each one clones a replica. What differs between engine versions
 * is in {@link EngineVersion}; what differs in the bootstrap lives in scripts/engine/&lt;id&gt;.sh.
 */
public enum Engine {
    /** MySQL clones with its CLONE plugin: the donor's own server serves the copy over the MySQL port. */
    MYSQL("mysql", false),
    /** MariaDB streams a mariadb-backup from the donor's sidecar over a port of its own. */
    MARIADB("mariadb", true);

    private final String id;
    private final boolean streamsBackups;

    Engine(String id, boolean streamsBackups) {
        this.id = id;
        this.streamsBackups = streamsBackups;
    }

    public String id() {
        return id;
    }

    /**
     * True when a clone is a backup stream served by the donor's sidecar on the clone port; false when the donor's
     * server serves it on the MySQL port (no clone port, no backup tool).
     */
    public boolean streamsBackups() {
        return streamsBackups;
    }

    /** The engine's bootstrap functions, a file under src/main/resources/scripts. */
    public String scriptResource() {
        return "engine/" + id + ".sh";
    }

    public EngineVersion defaultVersion() {
        return EngineVersion.of(this).stream().filter(EngineVersion::isDefault).findFirst().orElseThrow();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Engine::id).toList();
    }

    public static Optional<Engine> byId(String id) {
        return Arrays.stream(values()).filter(e -> e.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
