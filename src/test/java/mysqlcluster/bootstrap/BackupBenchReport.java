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
 * One engine's backup benchmark as markdown: per dataset the medians of the backup job and of the restore against
 * their floors, in seconds, MiB/s and ratios; the backup under a writer with the archive's delays; whether each
 * target is met (backup and restore within 1.3 times their floor, every commit in the bucket within the RPO under a
 * writer of the rate asked); and the notes of the runs.
 */
final class BackupBenchReport {
    static final double FLOOR_TARGET = 1.3;

    enum Method {
        BACKUP_FLOOR("(f↑) tar \\| rclone rcat"), BACKUP("backup job"), RESTORE_FLOOR("(f↓) rclone cat \\| tar -x"),
        RESTORE("restore");

        final String label;

        Method(String label) {
            this.label = label;
        }
    }

    /** The backup taken while a writer committed on the primary, and the archive's delays over the whole write. */
    record UnderWriter(PacedWriter.Written written, ArchiveDelays.Result delays, BenchSample backup) {
    }

    private final String engine;
    private final BackupBenchmarkOptions options;
    private final Map<Double, BenchDatasetSamples<Method>> datasets = new LinkedHashMap<>();
    private final Map<Double, UnderWriter> writers = new LinkedHashMap<>();
    private final Map<Double, Long> stored = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private String version = "?";
    private String image = "?";
    private final List<String> lines = new ArrayList<>();

    BackupBenchReport(String engine, BackupBenchmarkOptions options) {
        this.engine = engine;
        this.options = options;
    }

    void server(String serverVersion, String imageRoot) {
        version = serverVersion;
        image = imageRoot;
    }

    void dataset(double gib, long bytes, long rows) {
        datasets.put(gib, BenchDatasetSamples.of(gib, bytes, rows, Method.class));
    }

    void add(double gib, Method m, BenchSample s) {
        datasets.get(gib).add(m, s);
    }

    void underWriter(double gib, UnderWriter result) {
        writers.put(gib, result);
    }

    /** The bytes of the last backup's data object. */
    void stored(double gib, long bytes) {
        stored.put(gib, bytes);
    }

    void notes(List<String> more) {
        more.stream().filter(n -> !notes.contains(n)).forEach(notes::add);
    }

    String markdown() {
        lines.clear();
        lines.add("### " + engine + " (server " + version + ", image root " + image + ")");
        lines.add("");
        lines.add(String.format(Locale.ROOT, "%s UTC, %d CPUs. Median of %d backups and of %d restores, each after %d"
                        + " warm-up; MiB/s = the donor's datadir / time. backup.rpoMinutes %d, keepBackups 1.",
                DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC).withNano(0)),
                Runtime.getRuntime().availableProcessors(), options.runs(), options.restoreRuns(), options.warmups(),
                options.rpoMinutes()));
        lines.add("");
        lines.add("| dataset | method | s | MiB/s | ÷ floor | of which |");
        lines.add("|---|---|---:|---:|---:|---|");
        for (BenchDatasetSamples<Method> d : datasets.values()) {
            BenchSample up = d.median(Method.BACKUP_FLOOR);
            BenchSample backup = d.median(Method.BACKUP);
            BenchSample down = d.median(Method.RESTORE_FLOOR);
            BenchSample restore = d.median(Method.RESTORE);
            row(d, Method.BACKUP_FLOOR.label, up == null ? null : up.disk(), null, "");
            if (backup != null) {
                row(d, "backup job (pod created → Complete)", backup.disk(), up == null ? null : up.disk(), String.format(
                        Locale.ROOT, "donor step %.1f s, upload to the manifest %.1f s", backup.extra(), backup.stream()));
            }
            row(d, Method.RESTORE_FLOOR.label + ", synced", down == null ? null : down.disk(), null, "");
            if (restore != null) {
                row(d, "restore (fetch → datadir in place)", restore.disk(), down == null ? null : down.disk(),
                        String.format(Locale.ROOT, "fetch %.1f s", restore.stream()));
                row(d, "restore (pod created → ready)", restore.extra(), null,
                        String.format(Locale.ROOT, "%.1f s per GiB", restore.extra() / (d.bytes() / CloneBenchmark.GIB)));
            }
        }
        lines.add("");
        for (var e : writers.entrySet()) {
            UnderWriter w = e.getValue();
            lines.add(String.format(Locale.ROOT, "Under a writer, %s: %,d commits at %.0f/s (asked %d/s) for %.0f s on the"
                            + " primary while a backup job ran (%.1f s); each commit in the bucket after median %.1f s, p99"
                            + " %.1f s, at most %.1f s (RPO %d s).", datasets.get(e.getKey()).label(),
                    w.written().commits(), w.written().rate(), options.writerRate(), w.written().seconds(),
                    w.backup().disk(), w.delays().median(), w.delays().p99(), w.delays().max(),
                    options.rpoMinutes() * 60));
            lines.add("");
        }
        targets();
        lines.add("");
        var data = new StringBuilder("Data:");
        for (BenchDatasetSamples<Method> d : datasets.values()) {
            data.append(String.format(Locale.ROOT, " %s = %,d rows, donor datadir %,d bytes, backup object %,d bytes;",
                    d.label(), d.rows(), d.bytes(), stored.getOrDefault(d.gib(), 0L)));
        }
        lines.add(data.toString());
        for (String n : notes) {
            lines.add("");
            lines.add("Note: " + n);
        }
        return String.join("\n", lines) + "\n";
    }

    private void row(BenchDatasetSamples<Method> d, String method, Double seconds, Double floor, String parts) {
        if (seconds == null) {
            return;
        }
        lines.add(String.format(Locale.ROOT, "| %s | %s | %.1f | %.0f | %s | %s |", d.label(), method, seconds,
                d.mib() / seconds, floor == null ? "" : String.format(Locale.ROOT, "%.2f", seconds / floor), parts));
    }

    private void targets() {
        lines.add("Targets:");
        lines.add("");
        for (BenchDatasetSamples<Method> d : datasets.values()) {
            BenchSample up = d.median(Method.BACKUP_FLOOR);
            BenchSample backup = d.median(Method.BACKUP);
            if (up != null && backup != null) {
                target(d.label() + ": backup job ÷ floor", backup.disk() / up.disk(), backup.disk() / up.disk() <= FLOOR_TARGET);
            }
            BenchSample down = d.median(Method.RESTORE_FLOOR);
            BenchSample restore = d.median(Method.RESTORE);
            if (down != null && restore != null) {
                target(d.label() + ": restore (to the datadir in place) ÷ floor", restore.disk() / down.disk(),
                        restore.disk() / down.disk() <= FLOOR_TARGET);
            }
            UnderWriter w = writers.get(d.gib());
            if (w != null) {
                boolean rate = w.written().rate() >= options.writerRate() * 0.95;
                boolean rpo = w.delays().max() <= options.rpoMinutes() * 60;
                lines.add(String.format(Locale.ROOT,
                        "- %s: slowest commit into the bucket under %.0f commits/s: %.1f s ≤ %d s%s", d.label(), w.written().rate(), w.delays().max(), options.rpoMinutes() * 60,
                        rpo && rate ? " — met" : rpo ? " — rate NOT reached" : " — NOT met"));
            }
        }
    }

    private void target(String what, double value, boolean met) {
        lines.add(String.format(Locale.ROOT, "- %s: %.2f ≤ %.1f%s", what, value, FLOOR_TARGET,
                met ? " — met" : " — NOT met"));
    }

}
