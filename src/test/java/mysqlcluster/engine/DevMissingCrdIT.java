package mysqlcluster.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The dev stack on a cluster without Rook's CephBlockPool CRD: the first preview fails at once and names the CRD
 * (before the program read it, the preview passed and `pulumi up` failed on the pool after a minute of retries,
 * with the namespace and more already created); the up creates nothing.
 */
class DevMissingCrdIT {
    @Test
    void devPreviewWithoutRooksCrdFailsAtOnceNamingItAndUpCreatesNothing() {
        EnginePreconditions.require();
        try (var plane = ControlPlane.start()) {
            PlatformPrerequisites.install(plane, "dev");
            plane.kubectl().check("delete", "crd", "cephblockpools.ceph.rook.io");
            var dev = StackWorkspace.create(plane, "dev");
            dev.pulumi().check("stack", "init", "dev", "--secrets-provider", "passphrase");
            for (String command : new String[] {"preview", "up"}) {
                long start = System.nanoTime();
                var result = command.equals("up") ? dev.run("up", "--yes") : dev.run("preview");
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
