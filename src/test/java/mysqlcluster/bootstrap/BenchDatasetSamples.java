package mysqlcluster.bootstrap;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One dataset of a benchmark report: its size asked for, the donor's datadir bytes and rows, and the samples of each
 * of the report's methods (an enum of its own).
 */
record BenchDatasetSamples<M extends Enum<M>>(double gib, long bytes, long rows, Map<M, List<BenchSample>> samples) {

    static <M extends Enum<M>> BenchDatasetSamples<M> of(double gib, long bytes, long rows, Class<M> methods) {
        var samples = new EnumMap<M, List<BenchSample>>(methods);
        for (M m : methods.getEnumConstants()) {
            samples.put(m, new ArrayList<>());
        }
        return new BenchDatasetSamples<>(gib, bytes, rows, samples);
    }

    void add(M method, BenchSample sample) {
        samples.get(method).add(sample);
    }

    double mib() {
        return bytes / (double) BenchCluster.MIB;
    }

    /** The median of a method's samples, null without any. */
    BenchSample median(M method) {
        return BenchSample.median(samples.get(method));
    }

    /** The dataset as the reports name it: the size asked for and the datadir's, e.g. "1 GiB (1030 MiB)". */
    String label() {
        String size = gib == Math.rint(gib) ? Long.toString((long) gib) : Double.toString(gib);
        return String.format(Locale.ROOT, "%s GiB (%.0f MiB)", size, mib());
    }
}
