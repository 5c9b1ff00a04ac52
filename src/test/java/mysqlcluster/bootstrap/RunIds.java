package mysqlcluster.bootstrap;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names of harness runs: "&lt;pid of the JVM&gt;x&lt;counter&gt;". A run whose JVM is gone left its namespaces and
 * directories behind; a later run removes them. Runs of a live JVM (another build on the same machine) are left alone.
 */
public final class RunIds {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private RunIds() {
    }

    public static String next() {
        return ProcessHandle.current().pid() + "x" + COUNTER.incrementAndGet();
    }

    /** True when the JVM that made the run named at the start of text is still alive. */
    public static boolean ownerAlive(String text) {
        int end = 0;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        if (end == 0) {
            return false;
        }
        long pid = Long.parseLong(text.substring(0, end));
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
