package mysqlcluster.bootstrap;

import java.util.ArrayList;
import java.util.List;
import mysqlcluster.CiRequirement;

/**
 * The harness needs root (namespaces, mounts, chroot), iproute2 and util-linux, socat (for its silent peer), curl (to
 * read the exporters and its Prometheus over the pod network) and mmdebstrap (to build the image roots;
 * harness/image-root.sh says when it is missing). Without them the tests are skipped with the reason, except in CI
 * (CI set), where a skip would hide that nothing was proven.
 */
final class HarnessPreconditions {
    static final List<String> TOOLS = List.of("ip", "unshare", "nsenter", "setpriv", "chroot", "mount", "socat", "curl");

    private HarnessPreconditions() {
    }

    static void require() {
        var missing = new ArrayList<String>();
        if (!Host.isRoot()) {
            missing.add("root (network namespaces and mounts)");
        }
        for (String tool : TOOLS) {
            if (!Host.onPath(tool)) {
                missing.add(tool);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        CiRequirement.unmet("the bootstrap scenarios", "the bootstrap harness needs " + String.join(", ", missing)
                + " (apt-get install iproute2 util-linux socat curl mmdebstrap; run as root)");
    }
}
