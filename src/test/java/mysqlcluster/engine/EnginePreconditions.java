package mysqlcluster.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import mysqlcluster.CiRequirement;
import mysqlcluster.bootstrap.Host;

/**
 * The end-to-end suite builds its tools with Go (/usr/local/go or on PATH) from the Go module proxy, makes its
 * certificates with openssl and runs the jar with java. Without them it is skipped with the reason, except in CI.
 */
public final class EnginePreconditions {
    private EnginePreconditions() {
    }

    public static void require() {
        var missing = new ArrayList<String>();
        if (!Files.isExecutable(Path.of("/usr/local/go/bin/go")) && !Host.onPath("go")) {
            missing.add("Go (/usr/local/go/bin/go or go on PATH)");
        }
        for (String tool : new String[] {"openssl", "java"}) {
            if (!Host.onPath(tool)) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            CiRequirement.unmet("the end-to-end suite", "the end-to-end suite needs " + String.join(", ", missing));
        }
    }
}
