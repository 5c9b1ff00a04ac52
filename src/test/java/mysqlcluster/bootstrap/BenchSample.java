package mysqlcluster.bootstrap;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One timed run of a copy method: seconds to the end of the stream, seconds until the copy is on disk, and one more
 * duration the method names (the clone's --prepare on MariaDB, its recipient's set-up on MySQL; 0 for the others).
 * Also the medians of runs and the clocks they are read from.
 */
record BenchSample(double stream, double disk, double extra) {

    static BenchSample median(List<BenchSample> samples) {
        if (samples == null || samples.isEmpty()) {
            return null;
        }
        return new BenchSample(median(samples, BenchSample::stream), median(samples, BenchSample::disk),
                median(samples, BenchSample::extra));
    }

    private static double median(List<BenchSample> samples, ToDoubleFunction<BenchSample> field) {
        double[] v = samples.stream().mapToDouble(field).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static double between(Instant a, Instant b) {
        return Duration.between(a, b).toNanos() / 1e9;
    }
}
