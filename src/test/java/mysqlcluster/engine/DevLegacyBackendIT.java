package mysqlcluster.engine;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * A self-managed backend in the layout before Pulumi 3.61 (stacks without projects), which cannot name the program's
 * stack reference to itself (organization/&lt;project&gt;/&lt;stack&gt;; pkg/backend/diy/store.go,
 * legacyReferenceStore). The CLI the suite runs refuses such a backend at login, naming the fix.
 */
class DevLegacyBackendIT {
    @Test
    void devOnALegacyLayoutBackendIsRefusedWithTheUpgradeToRun() throws Exception {
        EnginePreconditions.require();
        try (var plane = ControlPlane.start()) {
            var dev = StackWorkspace.create(plane, "dev");
            // a backend holding a stack in the old layout (.pulumi/stacks/<stack>.json, no meta.yaml) keeps it
            // (pkg/backend/diy/meta.go, ensurePulumiMeta)
            var backend = dev.directory().resolve("legacy-backend");
            Files.createDirectories(backend.resolve(".pulumi/stacks"));
            Files.writeString(backend.resolve(".pulumi/stacks/older.json"),
                    "{\"version\": 3, \"checkpoint\": {\"stack\": \"older\"}}");
            var login = dev.pulumi().run("login", "file://" + backend);
            String output = login.out() + login.err();
            assertNotEquals(0, login.exit(), output);
            assertTrue(output.contains("Legacy DIY state is no longer supported"), output);
            assertTrue(output.contains("pulumi state upgrade"), output);
        }
    }
}
