package mysqlcluster.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import mysqlcluster.bootstrap.PodTemplate.Container;
import mysqlcluster.bootstrap.PodTemplate.Mount;

/**
 * One pod of the emulated StatefulSet (or of a job beside it), from creation to deletion, with its own kubelet thread:
 * the init containers in order, then the main containers, and the readiness probe. Its restartPolicy decides what a
 * container that exits gets: Always (a StatefulSet's pods) restarts it with back-off, a failed init container too;
 * Never (a job's pods) restarts nothing, and the pod ends Succeeded when every main container exited 0, Failed
 * otherwise. Volumes: emptyDirs, ephemeral claims and the ConfigMap/Secret files live as long as the pod, the claim's
 * directory as long as the StatefulSet.
 */
public final class EmulatedPod {
    private static final Duration PROBE_PERIOD_CAP = Duration.ofSeconds(1);

    private final EmulatedStatefulSet sts;
    private final PodTemplate template;
    private final int ordinal;
    private final String name;
    private final String address;
    private final String netns;
    private final Path dir;
    private final Map<String, Path> volumeDirs;
    private final List<ContainerRun> runs = new CopyOnWriteArrayList<>();
    private final Map<String, ContainerRun> current = new java.util.concurrent.ConcurrentHashMap<>();
    private final Thread kubelet;
    /** Holds the pod's UTS namespace (hostname = pod name), like the pause container; containers join it. */
    private final Process pause;
    private volatile boolean deleting;
    private volatile boolean ready;
    private volatile String phase = "Pending";

    /** Pod ORDINAL of the StatefulSet, from its current template. */
    EmulatedPod(EmulatedStatefulSet sts, int ordinal, String netns, Path dir) {
        this(sts, sts.template(), sts.template().owner() + "-" + ordinal, ordinal, ClusterNetwork.podAddress(ordinal),
                netns, dir, volume -> sts.claim(volume, ordinal));
    }

    /** A pod of another template on the StatefulSet's network (ordinal -1 when it is not one of the StatefulSet's). */
    EmulatedPod(EmulatedStatefulSet sts, PodTemplate template, String name, int ordinal, String address, String netns,
                Path dir, java.util.function.Function<String, Path> claims) {
        this.sts = sts;
        this.template = template;
        this.ordinal = ordinal;
        this.name = name;
        this.address = address;
        this.netns = netns;
        this.dir = dir;
        this.volumeDirs = PodVolumes.make(template, name, dir, claims);
        this.pause = startPause();
        this.kubelet = new Thread(this::kubeletLoop, "kubelet-" + name);
        this.kubelet.setDaemon(true);
        this.kubelet.start();
    }

    public String name() {
        return name;
    }

    public int ordinal() {
        return ordinal;
    }

    public String netns() {
        return netns;
    }

    public String address() {
        return address;
    }

    /** The pod's DNS name behind the governing Service. */
    public String host() {
        return name + "." + template.serviceName();
    }

    public boolean ready() {
        return ready;
    }

    /** Pending, Init, Running, Succeeded or Failed (an init container failed and is not restarted, or, restartPolicy
     * Never, a main container exited non-zero). */
    public String phase() {
        return phase;
    }

    /** Whether the pod was deleted (it ends as its containers are stopped). */
    public boolean deleted() {
        return deleting;
    }

    /** Every container run of this pod so far, in start order. */
    public List<ContainerRun> runs() {
        return List.copyOf(runs);
    }

    public List<ContainerRun> runs(String container) {
        return runs.stream().filter(r -> r.container().equals(container)).toList();
    }

    /** The latest run of a container, or null if it never started. */
    public ContainerRun current(String container) {
        return current.get(container);
    }

    /** The host directory behind a volume of this pod (for a claim: the retained volume). */
    public Path volume(String volume) {
        return volumeDirs.get(volume);
    }

    private Process startPause() {
        try {
            return new ProcessBuilder("ip", "netns", "exec", netns, "unshare", "--uts", "--", "bash", "-c",
                    "hostname \"$0\" && exec sleep infinity", name).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------- kubelet

    private void kubeletLoop() {
        try {
            phase = "Init";
            for (Container init : template.initContainers()) {
                int failures = 0;
                while (true) {
                    if (deleting) {
                        return;
                    }
                    ContainerRun run = start(init, failures);
                    Integer code;
                    while ((code = run.waitFor(Duration.ofMillis(100))) == null) {
                        if (deleting) {
                            return;
                        }
                    }
                    if (code == 0) {
                        break;
                    }
                    failures++;
                    if (!sts.options().restartFailedInitContainers() || !restarts()) {
                        phase = "Failed";
                        return;
                    }
                    pause(backoff(failures));
                }
            }
            phase = "Running";
            var failures = new HashMap<String, Integer>();
            var restartAt = new HashMap<String, Long>();
            for (Container c : template.containers()) {
                start(c, 0);
            }
            long nextProbe = 0;
            int probeFailures = 0;
            while (!deleting) {
                for (Container c : template.containers()) {
                    ContainerRun run = current.get(c.name());
                    if (run.running() || !restarts()) {
                        continue;
                    }
                    long now = System.nanoTime();
                    if (!restartAt.containsKey(c.name())) {
                        boolean ranLong = Duration.between(run.started(), java.time.Instant.now()).toSeconds() > 10;
                        int f = ranLong ? 0 : failures.getOrDefault(c.name(), 0);
                        failures.put(c.name(), f + 1);
                        restartAt.put(c.name(), now + backoff(f).toNanos());
                    } else if (now >= restartAt.get(c.name())) {
                        restartAt.remove(c.name());
                        start(c, run.restart() + 1);
                    }
                }
                if (!restarts() && template.containers().stream().noneMatch(c -> current.get(c.name()).running())) {
                    boolean allSucceeded = template.containers().stream()
                            .allMatch(c -> Integer.valueOf(0).equals(current.get(c.name()).exitCode()));
                    phase = allSucceeded ? "Succeeded" : "Failed";
                    return;
                }
                Container probed = template.containers().stream().filter(c -> c.readinessProbe() != null).findFirst().orElse(null);
                if (probed == null) {
                    setReady(true);
                } else if (System.nanoTime() >= nextProbe) {
                    var probe = probed.readinessProbe();
                    Duration period = Duration.ofSeconds(probe.periodSeconds());
                    nextProbe = System.nanoTime() + (period.compareTo(PROBE_PERIOD_CAP) > 0 ? PROBE_PERIOD_CAP : period).toNanos();
                    ContainerRun run = current.get(probed.name());
                    boolean ok = run.running() && exec(probed.name(), probe.command(),
                            Duration.ofSeconds(probe.timeoutSeconds())).ok();
                    probeFailures = ok ? 0 : probeFailures + 1;
                    if (ok) {
                        setReady(true);
                    } else if (probeFailures >= probe.failureThreshold() || !run.running()) {
                        setReady(false);
                    }
                }
                pause(Duration.ofMillis(100));
            }
        } catch (RuntimeException e) {
            if (!deleting) {
                phase = "Failed";
                sts.report(name + ": kubelet stopped: " + e);
            }
        } finally {
            setReady(false);
        }
    }

    /** The Services' endpoints follow a pod's readiness, as the endpoints controller does. */
    private void setReady(boolean now) {
        boolean was = ready;
        ready = now;
        if (was != now) {
            sts.readinessChanged();
        }
    }

    private boolean restarts() {
        return !"Never".equals(template.restartPolicy());
    }

    /** Back-off before restart n (1s, 2s, 4s, capped at 5s): the kubelet's, shortened for tests. */
    private static Duration backoff(int failures) {
        return Duration.ofSeconds(Math.min(5, failures == 0 ? 0 : 1L << Math.min(failures - 1, 3)));
    }

    private void pause(Duration d) {
        if (!deleting) {
            ClusterNetwork.sleep(d.toMillis());
        }
    }

    // ---------------------------------------------------------------------------------------------- containers

    private synchronized ContainerRun start(Container c, int restart) {
        Path log = dir.resolve("logs").resolve(c.name() + "." + restart + ".log");
        String createError = null;
        Map<String, String> env = new LinkedHashMap<>();
        Process process = null;
        try {
            Files.createDirectories(log.getParent());
            env = ContainerEnvironment.of(c, template, name, address());
            ImageStandIn image = sts.imageOf(c);
            List<String> command = ContainerEnvironment.command(c, image);
            Path spec = writeSpec(c, image, restart);
            var argv = new ArrayList<>(List.of("ip", "netns", "exec", netns, "nsenter", "--target", Long.toString(pause.pid()),
                    "--uts", "--", "unshare", "--pid", "--fork", "--kill-child", "--mount-proc", "--propagation", "private", "--",
                    "bash", sts.imageDir().resolve("container.sh").toString(), spec.toString(), "--"));
            argv.addAll(command);
            if (ordinal >= 0) {
                sts.beforeStart(this, c.name());
            }
            var builder = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().clear();
            builder.environment().putAll(env);
            process = builder.start();
        } catch (ContainerEnvironment.CreateContainerError e) {
            createError = e.getMessage();
            writeQuietly(log, "kubelet: Error: " + createError + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var run = new ContainerRun(c.name(), restart, log, process, createError, env);
        runs.add(run);
        current.put(c.name(), run);
        return run;
    }

    /**
     * The instructions for container.sh: the root of the container's image with a writable layer of this run, the volume mounts, the
     * pod's hosts file, the image's runtime dir, the user.
     */
    private Path writeSpec(Container c, ImageStandIn image, int restart) throws IOException {
        var lines = new ArrayList<String>();
        String run = c.name() + "." + restart;
        lines.add("root\t" + image.root() + "\t" + dir.resolve("layers").resolve(run));
        // image paths first, volumes over them; parents before children
        var mounts = new java.util.TreeMap<String, String>(Comparator.comparingInt(String::length).thenComparing(p -> p));
        for (var imageFile : sts.imageMounts(image).entrySet()) {
            mounts.put(imageFile.getKey(), imageFile.getValue() + "\tro");
        }
        for (Mount m : c.mounts()) {
            Path source = volumeDirs.get(m.volume());
            if (source == null) {
                throw new ContainerEnvironment.CreateContainerError("volume \"" + m.volume() + "\" not found");
            }
            if (m.subPath() != null && !m.subPath().isEmpty()) {
                source = source.resolve(m.subPath());
                if (!Files.exists(source)) {
                    // the kubelet creates a missing subPath, as root: the pod's user cannot write into it
                    Files.createDirectories(source);
                }
            }
            mounts.put(m.mountPath(), source + "\t" + (m.readOnly() ? "ro" : "rw"));
        }
        // the kubelet manages a pod's /etc/hosts; here it is the pod namespace's hosts file (the Service's DNS names)
        mounts.put("/etc/hosts", ClusterNetwork.NETNS_ETC.resolve(netns).resolve("hosts") + "\tro");
        for (var mount : mounts.entrySet()) {
            String[] sourceAndMode = mount.getValue().split("\t");
            lines.add("bind\t" + sourceAndMode[0] + "\t" + mount.getKey() + "\t" + sourceAndMode[1]);
        }
        lines.add("tmpfs\t" + EmulatedStatefulSet.RUNTIME_DIR + "\t" + template.runAsUser() + "\t" + template.runAsGroup());
        lines.add("user\t" + template.runAsUser() + "\t" + template.runAsGroup());
        Path spec = dir.resolve("specs").resolve(run + ".spec");
        Files.createDirectories(spec.getParent());
        Files.writeString(spec, lines.stream().collect(Collectors.joining("\n", "", "\n")));
        return spec;
    }

    private static void writeQuietly(Path file, String text) {
        try {
            Files.writeString(file, text, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // only a log line
        }
    }

    /**
     * Runs a command inside a running container (its mount, UTS, network and PID namespaces, its user and env), like
     * an exec probe or kubectl exec.
     */
    public Host.Result exec(String container, List<String> command, Duration timeout) {
        ContainerRun run = current.get(container);
        if (run == null || !run.running()) {
            return new Host.Result(command, 126, "", "container " + container + " is not running");
        }
        var argv = new ArrayList<>(List.of("nsenter", "--target", Long.toString(run.initPid()), "--mount", "--uts",
                "--net", "--pid", "--root", "--wd=/", "--setuid=" + template.runAsUser(), "--setgid=" + template.runAsGroup(), "--"));
        argv.addAll(command);
        return Host.run(argv, run.env(), null, timeout);
    }

    /** Restarts a container the way the kubelet does when it dies or fails its liveness probe. */
    public void restartContainer(String container) {
        ContainerRun run = current.get(container);
        int before = runs(container).size();
        run.stop(grace());
        Await.until(Duration.ofSeconds(30), name + ": " + container + " restarted", () -> runs(container).size() > before);
    }

    /** Kills a container with SIGKILL (e.g. the clone halfway); the kubelet then restarts it (or not, see options). */
    public void killContainer(String container) {
        ContainerRun run = current.get(container);
        run.signal("KILL");
        run.waitFor(Duration.ofSeconds(30));
    }

    /**
     * Waits for a process of the container whose command line matches, polling every millisecond (short-lived steps
     * such as a --prepare are caught while they run).
     */
    public ProcessHandle awaitProcess(String container, Duration timeout, Predicate<List<String>> commandLine) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            ContainerRun run = current.get(container);
            if (run != null) {
                var found = run.findProcess(commandLine);
                if (found.isPresent()) {
                    return found.get();
                }
            }
            ClusterNetwork.sleep(1);
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + "s waiting for a process in " + name + "/"
                + container + "\n" + describe());
    }

    public void awaitReady(Duration timeout) {
        Await.until(timeout, name + " ready", () -> {
            if ("Failed".equals(phase)) {
                throw new IllegalStateException(name + " failed:\n" + describe());
            }
            return ready;
        }, this::describe);
    }

    Duration grace() {
        return Duration.ofSeconds(Math.min(template.terminationGraceSeconds(), sts.options().maxGraceSeconds()));
    }

    /** Deletes the pod: stops the kubelet, stops every container (SIGTERM, grace, SIGKILL), removes pod volumes. */
    void delete(Duration grace) {
        deleting = true;
        try {
            kubelet.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        var stoppers = new ArrayList<Thread>();
        for (ContainerRun run : current.values()) {
            var t = new Thread(() -> run.stop(grace));
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        setReady(false);
        pause.destroyForcibly();
        ClusterNetwork.deleteTree(dir.resolve("volumes"));
        ClusterNetwork.deleteTree(dir.resolve("layers"));
    }

    /** The pod's state and the tail of every container's log, for failure messages. */
    public String describe() {
        var text = new StringBuilder("pod " + name + " phase " + phase + (ready ? " ready" : " not ready") + "\n");
        for (ContainerRun run : runs) {
            text.append("--- ").append(run).append(" (").append(run.logFile()).append(")\n");
            String log = run.log();
            String[] lines = log.split("\n");
            int from = Math.max(0, lines.length - 25);
            for (int i = from; i < lines.length; i++) {
                text.append("    ").append(lines[i]).append('\n');
            }
        }
        return text.toString();
    }
}
