package mysqlcluster.bootstrap;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One engine's results as markdown: every method's median per dataset with MiB/s and its ratio to the floor, the
 * ratios the issue sets targets for, whether each target is met, the clone under load, and the notes of the run.
 */
final class BenchReport {
    enum Method {
        FLOOR("(b) tar \\| socat \\| tar", "bytes"), CLONE("(c) clone (scripts)", "rows"), LOGICAL("(d) dump \\| restore", "rows");

        final String label;
        final String checked;

        Method(String label, String checked) {
            this.label = label;
            this.checked = checked;
        }
    }

    private final BenchCluster cluster;
    private final BenchmarkOptions options;
    private final String version;
    private final Map<Double, BenchDatasetSamples<Method>> datasets = new LinkedHashMap<>();
    private final List<CloneUnderLoad.Result> loads = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();

    BenchReport(BenchCluster cluster, BenchmarkOptions options) {
        this.cluster = cluster;
        this.options = options;
        this.version = cluster.serverVersion();
    }

    void dataset(double gib, long bytes, long rows) {
        datasets.put(gib, BenchDatasetSamples.of(gib, bytes, rows, Method.class));
    }

    void add(double gib, Method m, BenchSample s) {
        datasets.get(gib).add(m, s);
    }

    void load(CloneUnderLoad.Result result) {
        loads.add(result);
    }

    private String extraName() {
        return cluster.mysql() ? "set-up s" : "--prepare s";
    }

    String markdown() {
        lines.clear();
        String engine = BenchmarkOptions.name(cluster.engine());
        lines.add("### " + engine + " (server " + version + ", image root " + cluster.sts().image().name() + ")");
        lines.add("");
        lines.add(String.format(Locale.ROOT, "%s UTC, %d CPUs. Median of %d after %d warm-up (logical copy: of %d after %d). "
                        + "MiB/s = the donor's datadir / time; stream = to the end of the stream, disk = until on disk.",
                DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC).withNano(0)),
                Runtime.getRuntime().availableProcessors(), options.runs(), options.warmups(), options.logicalRuns(),
                options.logicalWarmups()));
        lines.add("");
        lines.add("| dataset | method | checked | stream s | stream MiB/s | disk s | disk MiB/s | disk ÷ (b) | stream ÷ (b) | " + extraName() + " |");
        lines.add("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        for (BenchDatasetSamples<Method> d : datasets.values()) {
            BenchSample floor = d.median(Method.FLOOR);
            for (Method m : Method.values()) {
                BenchSample s = d.median(m);
                if (s != null) {
                    lines.add(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.0f | %.2f | %.0f | %s | %s | %s |", d.label(), m.label,
                            m.checked, s.stream(), d.mib() / s.stream(), s.disk(), d.mib() / s.disk(),
                            floor == null ? "" : f(s.disk() / floor.disk()), floor == null ? "" : f(s.stream() / floor.stream()),
                            m == Method.CLONE ? f(s.extra()) : ""));
                }
            }
        }
        var largest = datasets.isEmpty() ? null : List.copyOf(datasets.values()).get(datasets.size() - 1);
        for (CloneUnderLoad.Result r : loads) {
            BenchSample s = r.sample();
            lines.add(String.format(Locale.ROOT, "| %s | (c) clone while %s | rows | %.2f | %.0f | %.2f | %.0f | | | %s |", largest.label(),
                    r.load(), s.stream(), largest.mib() / s.stream(), s.disk(), largest.mib() / s.disk(), f(s.extra())));
        }
        lines.add("");
        targets();
        lines.add("");
        var data = new StringBuilder("Data:");
        for (BenchDatasetSamples<Method> d : datasets.values()) {
            data.append(String.format(Locale.ROOT, " %s = %,d rows, donor datadir %,d bytes;", d.label(), d.rows(), d.bytes()));
        }
        lines.add(data.toString());
        for (CloneUnderLoad.Result r : loads) {
            lines.add("");
            lines.add("While " + r.load() + ": " + r.detail() + ".");
        }
        for (String n : cluster.notes()) {
            lines.add("");
            lines.add("Note: " + n);
        }
        return String.join("\n", lines) + "\n";
    }

    private void targets() {
        lines.add("Targets:");
        lines.add("");
        for (BenchDatasetSamples<Method> d : datasets.values()) {
            BenchSample c = d.median(Method.CLONE);
            BenchSample b = d.median(Method.FLOOR);
            BenchSample l = d.median(Method.LOGICAL);
            if (c != null && b != null) {
                target(d.label() + ": clone ÷ floor on disk", c.disk() / b.disk(), "≤ 1.10", c.disk() / b.disk() <= 1.10);
                target(d.label() + ": clone ÷ floor to the end of the stream", c.stream() / b.stream(), "≤ 1.20",
                        c.stream() / b.stream() <= 1.20);
            }
            if (c != null && b != null && cluster.mysql()) {
                target(d.label() + ": (context) clone without the recipient's set-up ÷ floor to the end of the stream",
                        (c.stream() - c.extra()) / b.stream(), "", true);
            }
            if (c != null && l != null) {
                target(d.label() + ": logical ÷ clone to the end of the stream", l.stream() / c.stream(), "≥ 15", l.stream() / c.stream() >= 15);
                target(d.label() + ": logical ÷ clone on disk (no target)", l.disk() / c.disk(), "", true);
            }
        }
        var all = List.copyOf(datasets.values());
        if (all.size() >= 2) {
            BenchDatasetSamples<Method> small = all.get(0);
            BenchDatasetSamples<Method> big = all.get(all.size() - 1);
            BenchSample c1 = small.median(Method.CLONE);
            BenchSample c2 = big.median(Method.CLONE);
            double ratio = big.gib() / small.gib();
            String goal = "≤ " + f(1.05 * ratio);
            if (c1 != null && c2 != null) {
                String what = "clone time(" + big.label() + ") ÷ time(" + small.label() + ")";
                target(what + " on disk", c2.disk() / c1.disk(), goal, c2.disk() / c1.disk() <= 1.05 * ratio);
                target(what + " to the end of the stream", c2.stream() / c1.stream(), goal, c2.stream() / c1.stream() <= 1.05 * ratio);
                target("(for scale) donor datadir " + big.label() + " ÷ " + small.label(), big.bytes() / (double) small.bytes(), "", true);
            }
        }
    }

    private void target(String what, double value, String goal, boolean met) {
        lines.add(String.format(Locale.ROOT, "- %s: %.2f %s%s", what, value, goal, goal.isEmpty() ? "" : met ? " — met" : " — NOT met"));
    }


    private static String f(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
