package mysqlcluster.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mysqlcluster.TestStacks;

/**
 * The scripts of src/main/resources/scripts/uploader (at /scripts) run as the uploader image runs them: busybox's sh,
 * with busybox's applets first on PATH (/usr/local/bin in the image's stand-in, as Alpine links them), in the
 * cluster's client namespace.
 */
final class UploaderScript {
    /** The image's PATH: busybox's applets (in /usr/local/bin of the stand-in) ahead of Debian's tools. */
    static final String PATH = "/usr/local/bin:/usr/bin:/bin";

    static final Path DIR = TestStacks.ROOT.resolve("src/main/resources/scripts/uploader");
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private UploaderScript() {
    }

    /** SCRIPT with ARGS, each host path of FILES bound read-only at its container path. */
    static Host.Result run(EmulatedStatefulSet sts, String script, Map<Path, String> files, List<String> args) {
        var command = new ArrayList<>(List.of("sh", "/scripts/" + script));
        command.addAll(args);
        return run(sts, files, Map.of(), command);
    }

    /** restore-plan.sh on the INDEXES (binlog-index.sh's output, named NAME.index). */
    static Host.Result plan(EmulatedStatefulSet sts, String backupSet, String target, List<Path> indexes) {
        var files = new java.util.LinkedHashMap<Path, String>();
        var args = new ArrayList<>(List.of(backupSet, target));
        for (Path index : indexes) {
            files.put(index, "/indexes/" + index.getFileName());
            args.add("/indexes/" + index.getFileName());
        }
        return run(sts, "restore-plan.sh", files, args);
    }

    /**
     * ENV_AND_COMMAND (NAME=VALUE... COMMAND ARG..., as env takes them), the host paths of READ_ONLY and WRITABLE bound
     * at their container paths.
     */
    static Host.Result run(EmulatedStatefulSet sts, Map<Path, String> readOnly, Map<Path, String> writable,
                           List<String> envAndCommand) {
        return run(sts, readOnly, writable, envAndCommand, TIMEOUT);
    }

    /** Like run, killed (exit -1) once TIMEOUT is over. */
    static Host.Result run(EmulatedStatefulSet sts, Map<Path, String> readOnly, Map<Path, String> writable,
                           List<String> envAndCommand, Duration timeout) {
        var command = new ImageCommand(sts, ImageRoots.build(HarnessObjectStore.CLIENT_ROOT), sts.clientNamespace())
                .bind(DIR, "/scripts", true);
        readOnly.forEach((host, container) -> command.bind(host, container, true));
        writable.forEach((host, container) -> command.bind(host, container, false));
        var argv = new ArrayList<>(List.of("env", "PATH=" + PATH));
        argv.addAll(envAndCommand);
        return command.run(argv, null, timeout);
    }
}
