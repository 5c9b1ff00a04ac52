package mysqlcluster.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dev stack on a cluster without Rook's CephBlockPool CRD: the first preview fails at once and names the CRD
 * (before the program read it, the preview passed and `pulumi up` failed on the pool after a minute of retries,
 * with the namespace and more already created); the up creates nothing, also without a preview first, as
 * pulumi/actions runs it (before every resource waited for the reads, that up created the namespace).
 */
class DevMissingCrdIT {
    @Test
    void devPreviewWithoutRooksCrdFailsAtOnceNamingItAndUpCreatesNothing() {
        EnginePreconditions.require();
        try (var plane = ControlPlane.start()) {
            PlatformPrerequisites.install(plane, "dev");
            plane.kubectl().check("delete", "crd", "cephblockpools.ceph.rook.io");
            var dev = StackWorkspace.create(plane, "dev");
            StackSetup.initialise(dev);
            // the last as pulumi/actions runs it in deploy.yml: no preview first
            for (var command : List.of(List.of("preview"), List.of("up", "--yes"), List.of("up", "--yes", "--skip-preview"))) {
                long start = System.nanoTime();
                var result = dev.run(command.toArray(String[]::new));
                double seconds = (System.nanoTime() - start) / 1e9;
                String output = result.out() + result.err();
                assertNotEquals(0, result.exit(), command + " passed without the CRD:\n" + output);
                assertTrue(output.contains("cephblockpools.ceph.rook.io"), output);
                assertTrue(seconds < 30, command + " took " + seconds + " s");
            }
            assertFalse(plane.kubectl().exists("namespace/mysql-dev"), "the up created the namespace");
        }
    }
}
