package mysqlcluster;

import com.pulumi.test.internal.PulumiTestInternal;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For test classes whose program runs fail on purpose: the mock engine logs every program failure with its stack
 * trace (its logger's level is reset to INFO on each run, so a filter it is); there each failure is the expected
 * outcome, asserted on its message, and a reader of the build log must find real failures at once.
 */
public final class QuietMockEngine implements BeforeAllCallback, AfterAllCallback {
    /** Held so that the logger, and with it the filter, is not collected. */
    private static final Logger MOCK_ENGINE = Logger.getLogger(PulumiTestInternal.class.getName());

    @Override
    public void beforeAll(ExtensionContext context) {
        MOCK_ENGINE.setFilter(record -> false);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        MOCK_ENGINE.setFilter(null);
    }
}
