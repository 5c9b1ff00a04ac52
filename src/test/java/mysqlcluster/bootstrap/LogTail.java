package mysqlcluster.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a log file, for a failure message. */
final class LogTail {
    private LogTail() {
    }

    static String of(Path log, int lines) {
        try {
            var all = Files.exists(log) ? Files.readAllLines(log) : List.<String>of();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
