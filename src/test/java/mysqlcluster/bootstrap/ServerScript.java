package mysqlcluster.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import mysqlcluster.TestStacks;
import mysqlcluster.settings.EngineVersion;

/**
 * A container of the server image, as the pods' user, with the scripts the pods get at /config (those of
 * src/main/resources/scripts, the engine's as engine.sh) and the harness's sql-on-datadir.sh: how the tests run
 * the backup and restore scripts of the server image, as a job's or pod 0's containers would.
 */
final class ServerScript {
    static final Path SCRIPTS = TestStacks.ROOT.resolve("src/main/resources/scripts");
    /** The pod's environment the scripts need here (ScriptEnv). */
    static final String PORT = "MYSQL_PORT=" + mysqlcluster.cluster.PodLayout.MYSQL_PORT;

    private ServerScript() {
    }

    /** The container; the scripts are copied into WORK/config once. */
    static ImageCommand command(EmulatedStatefulSet sts, EngineVersion engine, Path work) throws IOException {
        Path config = work.resolve("config");
        if (!Files.isDirectory(config)) {
            Files.createDirectories(config);
            try (var scripts = Files.list(SCRIPTS)) {
                for (Path script : scripts.filter(p -> p.toString().endsWith(".sh")).toList()) {
                    Files.copy(script, config.resolve(script.getFileName()));
                }
            }
            Files.copy(SCRIPTS.resolve("engine/" + engine.engine().id() + ".sh"), config.resolve("engine.sh"));
            Files.copy(ImageStandIn.harnessFile("sql-on-datadir.sh"), config.resolve("sql-on-datadir.sh"));
        }
        return new ImageCommand(sts, sts.clientNamespace()).asPodUser().bind(config, "/config", true);
    }
}
