package mysqlcluster.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs commands on the host (as the test JVM's user, root) and collects their output. */
public final class Host {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private Host() {
    }

    public record Result(List<String> command, int exit, String out, String err) {
        public boolean ok() {
            return exit == 0;
        }

        public Result check() {
            if (exit != 0) {
                throw new IllegalStateException("command failed (exit " + exit + "): " + String.join(" ", command)
                        + "\n" + err.strip() + (out.isBlank() ? "" : "\nstdout: " + out.strip()));
            }
            return this;
        }
    }

    public static Result run(String... command) {
        return run(List.of(command), null, null, DEFAULT_TIMEOUT);
    }

    public static String check(String... command) {
        return run(command).check().out();
    }

    /**
     * Runs a command; env, when given, replaces the environment; stdin, when given, is written to the command.
     * A command that outlives the timeout is killed and reported with exit -1.
     */
    public static Result run(List<String> command, Map<String, String> env, String stdin, Duration timeout) {
        return run(command, env, stdin, timeout, null);
    }

    /** Like run, in the working directory given (null: the JVM's). */
    public static Result run(List<String> command, Map<String, String> env, String stdin, Duration timeout,
                             java.nio.file.Path directory) {
        var builder = new ProcessBuilder(command);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        if (env != null) {
            builder.environment().clear();
            builder.environment().putAll(env);
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(command, 127, "", e.getMessage());
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException ignored) {
            // the command did not read its input; its exit status tells
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor();
                return new Result(command, -1, out.join(), "timed out after " + timeout + "\n" + err.join());
            }
            return new Result(command, process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a signal (e.g. "KILL", "STOP") to a host process; false when it is already gone. */
    public static boolean signal(long pid, String signal) {
        return run("kill", "-s", signal, Long.toString(pid)).ok();
    }

    /** The command line of a host process, empty when it is gone. */
    public static List<String> commandLine(long pid) {
        try {
            byte[] raw = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc", Long.toString(pid), "cmdline"));
            var args = new ArrayList<String>();
            int start = 0;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            return args;
        } catch (IOException e) {
            return List.of();
        }
    }

    public static boolean isRoot() {
        return "0".equals(run("id", "-u").out().strip());
    }

    public static boolean onPath(String tool) {
        return run("sh", "-c", "command -v \"$0\"", tool).ok();
    }
}
