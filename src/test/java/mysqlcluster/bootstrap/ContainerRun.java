package mysqlcluster.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One run of one container: a process tree in fresh UTS, mount and PID namespaces inside the pod's network
 * namespace. The process the harness holds is unshare; its only child is the container's PID 1 (the command), and
 * killing that PID 1 kills everything in the container, as the kernel does for a PID namespace.
 */
public final class ContainerRun {
    private final String container;
    private final int restart;
    private final Path log;
    private final Process process;
    private final String createError;
    private final Map<String, String> env;
    private final Instant started = Instant.now();
    private volatile long initPid = -1;
    private volatile boolean killedAfterGrace;

    ContainerRun(String container, int restart, Path log, Process process, String createError, Map<String, String> env) {
        this.container = container;
        this.restart = restart;
        this.log = log;
        this.process = process;
        this.createError = createError;
        this.env = env;
    }

    public String container() {
        return container;
    }

    /** 0 for the first run of the container in this pod, then 1, 2, ... */
    public int restart() {
        return restart;
    }

    public Instant started() {
        return started;
    }

    /** Why the kubelet could not create the container (e.g. a missing Secret key), or null. */
    public String createError() {
        return createError;
    }

    Map<String, String> env() {
        return env;
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    /** The exit status, null while running; a create error counts as exit 1, death by signal N as 128+N. */
    public Integer exitCode() {
        if (process == null) {
            return 1;
        }
        return process.isAlive() ? null : process.exitValue();
    }

    public boolean killedAfterGrace() {
        return killedAfterGrace;
    }

    /** Waits for the container to end; returns its exit code, or null if it still runs after the timeout. */
    public Integer waitFor(Duration timeout) {
        if (process == null) {
            return exitCode();
        }
        try {
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return exitCode();
    }

    /** The container's PID 1, seen from the host; -1 when the container is gone. */
    public long initPid() {
        if (initPid < 0 && process != null) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (process.isAlive() && System.nanoTime() < deadline) {
                Optional<ProcessHandle> child = process.toHandle().children().findFirst();
                if (child.isPresent()) {
                    initPid = child.get().pid();
                    break;
                }
                ClusterNetwork.sleep(5);
            }
        }
        return initPid;
    }

    /** Sends a signal to the container's PID 1 (KILL ends the whole container). */
    public void signal(String signal) {
        long pid = initPid();
        if (pid > 0) {
            Host.signal(pid, signal);
        }
    }

    /** What the kubelet does to stop a container: SIGTERM to PID 1, SIGKILL when the grace period is over. */
    public void stop(Duration grace) {
        if (!running()) {
            return;
        }
        signal("TERM");
        if (waitFor(grace) == null) {
            killedAfterGrace = true;
            signal("KILL");
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }

    /** Every process of the container (host view), e.g. to find the mbstream of a running clone. */
    public List<ProcessHandle> processes() {
        return process == null ? List.of() : process.toHandle().descendants().toList();
    }

    /** The first process of the container whose command line matches. */
    public Optional<ProcessHandle> findProcess(Predicate<List<String>> commandLine) {
        return processes().stream().filter(p -> commandLine.test(Host.commandLine(p.pid()))).findFirst();
    }

    /** The container's output so far (stdout and stderr). */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    public Path logFile() {
        return log;
    }

    @Override
    public String toString() {
        return container + "#" + restart + (running() ? " running" : " exit " + exitCode())
                + (createError != null ? " (" + createError + ")" : "");
    }
}
