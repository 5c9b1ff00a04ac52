package mysqlcluster.bootstrap;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * When each of several conditions first held, in milliseconds from a common start (a fault the test made): they are
 * polled together every 100 ms, so one slow condition does not hide when another one came true.
 */
final class Milestones {
    private static final long POLL_MILLIS = 100;

    private Milestones() {
    }

    /** Polls until every condition has held once; fails naming those that never did. */
    static Map<String, Long> await(Duration timeout, long startNanos, Map<String, BooleanSupplier> conditions,
                                   Supplier<String> context) {
        var reached = new LinkedHashMap<String, Long>();
        long deadline = startNanos + timeout.toNanos();
        while (reached.size() < conditions.size()) {
            for (var condition : conditions.entrySet()) {
                if (!reached.containsKey(condition.getKey()) && condition.getValue().getAsBoolean()) {
                    reached.put(condition.getKey(), (System.nanoTime() - startNanos) / 1_000_000);
                }
            }
            if (reached.size() < conditions.size()) {
                if (System.nanoTime() > deadline) {
                    var missing = conditions.keySet().stream().filter(k -> !reached.containsKey(k)).toList();
                    throw new AssertionError("timed out after " + timeout.toSeconds() + "s waiting for " + missing
                            + " (reached: " + reached + ")\n" + context.get());
                }
                ClusterNetwork.sleep(POLL_MILLIS);
            }
        }
        return reached;
    }
}
