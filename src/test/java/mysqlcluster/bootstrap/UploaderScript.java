package mysqlcluster.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mysqlcluster.TestStacks;

/**
 * A script of src/main/resources/scripts/uploader run as the uploader image runs it: busybox's sh, with busybox's
 * applets first on PATH (as Alpine links them), in the image's stand-in, in the cluster's client namespace.
 */
final class UploaderScript {
    static final Path DIR = TestStacks.ROOT.resolve("src/main/resources/scripts/uploader");
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private UploaderScript() {
    }

    /** SCRIPT with ARGS, each host path of FILES bound read-only at its container path. */
    static Host.Result run(EmulatedStatefulSet sts, String script, Map<Path, String> files, List<String> args) {
        var command = new ImageCommand(sts, ImageRoots.build(HarnessObjectStore.CLIENT_ROOT), sts.clientNamespace())
                .bind(DIR.resolve(script), "/scripts/" + script, true);
        files.forEach((host, container) -> command.bind(host, container, true));
        var argv = new ArrayList<>(List.of("busybox", "sh", "-c", "mkdir /busybox && busybox --install -s /busybox"
                + " && PATH=/busybox exec sh \"$@\"", "sh", "/scripts/" + script));
        argv.addAll(args);
        return command.run(argv, null, TIMEOUT);
    }
}
