package mysqlcluster.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The release series each engine supports (long-term releases only) and the official image each one runs by default.
 * The only place where engine versions differ on the Java side. Declared oldest first within an engine: that order is
 * the upgrade order (a deployed cluster may move to a later constant, never an earlier one).
 */
public enum EngineVersion {
    MYSQL_8_4(Engine.MYSQL, "8.4", "mysql:8.4.11", false),
    MYSQL_9_7(Engine.MYSQL, "9.7", "mysql:9.7.2", true),
    MARIADB_10_11(Engine.MARIADB, "10.11", "mariadb:10.11.18", false),
    MARIADB_11_4(Engine.MARIADB, "11.4", "mariadb:11.4.12", false),
    MARIADB_11_8(Engine.MARIADB, "11.8", "mariadb:11.8.8", true);

    private final Engine engine;
    private final String series;
    private final String defaultImage;
    private final boolean isDefault;

    EngineVersion(Engine engine, String series, String defaultImage, boolean isDefault) {
        this.engine = engine;
        this.series = series;
        this.defaultImage = defaultImage;
        this.isDefault = isDefault;
    }

    public Engine engine() {
        return engine;
    }

    /** major.minor, e.g. 9.7 */
    public String series() {
        return series;
    }

    /** The official image pinned to an exact release of the series. */
    public String defaultImage() {
        return defaultImage;
    }

    /** The series a stack of this engine runs when it sets no version. */
    public boolean isDefault() {
        return isDefault;
    }

    public static List<EngineVersion> of(Engine engine) {
        return Arrays.stream(values()).filter(v -> v.engine == engine).toList();
    }

    public static List<String> seriesOf(Engine engine) {
        return of(engine).stream().map(EngineVersion::series).toList();
    }

    public static Optional<EngineVersion> find(Engine engine, String series) {
        return of(engine).stream().filter(v -> v.series.equals(series)).findFirst();
    }

    @Override
    public String toString() {
        return engine.id() + " " + series;
    }
}
