package mysqlcluster;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A test that cannot run here is skipped with the reason, except in CI (CI set, as .ci/run sets it), where a skip
 * would hide that nothing was proven: there it fails.
 */
public final class CiRequirement {
    private CiRequirement() {
    }

    /** Fails in CI, skips elsewhere; says what is missing and how to get it. */
    public static void unmet(String what, String reason) {
        if (inCi()) {
            fail("CI must run " + what + ", but " + reason);
        }
        assumeTrue(false, reason);
    }

    static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isEmpty() && !"false".equals(ci);
    }
}
