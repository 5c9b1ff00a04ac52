package mysqlcluster.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The harness's footprint on the machine, shared by every run and every JVM: the runs' directories under
 * {@link #ROOT}, and host directories it had to create (mount points, /etc/netns), removed by the last run to go.
 * Set-up and teardown are serialised across JVMs by a file lock.
 */
final class HarnessDirectories {
    static final Path ROOT = Path.of("/var/tmp/mysql-cluster-harness");
    private static final String CREATED_DIRECTORIES = "created-host-directories";
    private static final Object LOCK = new Object();

    private HarnessDirectories() {
    }

    /** Leftovers of runs whose JVM died: processes, namespaces, directories. */
    static void removeLeftovers() {
        withLock(() -> {
            ClusterNetwork.removeLeftovers();
            if (!Files.isDirectory(ROOT)) {
                return;
            }
            try (Stream<Path> runs = Files.list(ROOT)) {
                for (Path run : runs.filter(Files::isDirectory).toList()) {
                    if (!RunIds.ownerAlive(run.getFileName().toString())) {
                        ClusterNetwork.deleteTree(run);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * A directory the harness needs on the host: mount points for container paths, /etc/netns. Missing ones are
     * created and recorded, so that the last run on the machine removes them again.
     */
    static void hostDirectory(Path path) {
        if (Files.isDirectory(path)) {
            return;
        }
        withLock(() -> {
            try {
                var missing = new ArrayList<Path>();
                for (Path p = path; p != null && !Files.exists(p); p = p.getParent()) {
                    missing.add(0, p);
                }
                Files.createDirectories(path);
                Path record = ROOT.resolve(CREATED_DIRECTORIES);
                for (Path p : missing) {
                    Files.writeString(record, p + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A run is over: its directory goes (unless kept for a look), and the host directories with the last run. */
    static void removeRun(Path runDir, boolean deleteRunDirectory) {
        withLock(() -> {
            if (deleteRunDirectory) {
                ClusterNetwork.deleteTree(runDir);
            }
            removeHostDirectoriesIfLast();
        });
    }

    private static void removeHostDirectoriesIfLast() {
        try (Stream<Path> runs = Files.list(ROOT)) {
            if (runs.anyMatch(Files::isDirectory)) {
                return;
            }
            Path record = ROOT.resolve(CREATED_DIRECTORIES);
            if (Files.exists(record)) {
                Set<String> created = new LinkedHashSet<>(Files.readAllLines(record));
                var reversed = new ArrayList<>(created);
                Collections.reverse(reversed);
                for (String p : reversed) {
                    try {
                        Files.deleteIfExists(Path.of(p));
                    } catch (IOException notEmpty) {
                        // something else uses it now: leave it
                    }
                }
                Files.delete(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void withLock(Runnable action) {
        synchronized (LOCK) {
            try {
                Files.createDirectories(ROOT);
                try (FileChannel channel = FileChannel.open(ROOT.resolve(".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                     var lock = channel.lock()) {
                    action.run();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
