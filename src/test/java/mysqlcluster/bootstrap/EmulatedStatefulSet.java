package mysqlcluster.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The rendered StatefulSet, run on this machine as root the way the StatefulSet controller and the kubelet would:
 * pods {@code <sts>-N} created in order (each once the previous is Ready), deleted from the highest ordinal, with
 * volume claims that outlive their pods. Input: the rendered manifests, nothing else.
 *
 * <p>Everything it makes (network namespaces, links, processes, directories under {@link #ROOT}, /etc/netns entries)
 * is named after the run and removed by {@link #close()}, also when a test fails; what a killed JVM left behind is
 * removed by the next run. Nothing listens outside the namespaces it creates.
 */
public final class EmulatedStatefulSet implements AutoCloseable {
    public static final Path ROOT = HarnessDirectories.ROOT;
    /** The image's runtime directory (socket, pid file): private to each container, as in an image. */
    static final String RUNTIME_DIR = "/run/mysqld";
    /** The image's config directory: the harness's own (image-my.cnf), never the host's. */
    static final String IMAGE_CONF_DIR = "/etc/mysql";

    /** Knobs of the emulation; the defaults are the kubelet's behaviour with shorter waits. */
    public record Options(boolean restartFailedInitContainers, int maxGraceSeconds) {
        public static Options defaults() {
            return new Options(true, 30);
        }

        public Options withoutInitRestarts() {
            return new Options(false, maxGraceSeconds);
        }
    }

    /** The pod template new pods are created from; {@link #update} replaces it, running pods keep theirs. */
    private volatile PodTemplate template;
    private final Options options;
    private final String runId = RunIds.next();
    private final Path runDir = ROOT.resolve(runId);
    private final Path imageDir = runDir.resolve("image");
    private final ClusterNetwork network;
    private final String clientNs;
    private final Map<Integer, EmulatedPod> pods = new TreeMap<>();
    /** Pods of other templates on this network (a job's), by name. */
    private final Map<String, EmulatedPod> otherPods = new LinkedHashMap<>();
    /** The endpoints controller: publishes the ready pods' addresses under the headless Services of ready pods. */
    private final java.util.concurrent.ExecutorService endpointsController =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                var t = new Thread(r, "endpoints-controller");
                t.setDaemon(true);
                return t;
            });
    private final java.util.Set<String> publishedServices = new java.util.LinkedHashSet<>();
    private final Map<Integer, Integer> incarnations = new TreeMap<>();
    private final Map<Integer, Process> silentPeers = new TreeMap<>();
    private final List<BiConsumer<EmulatedPod, String>> startObservers = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final int uid;
    private final int gid;
    private final ImageStandIn image;
    private final Thread shutdownHook = new Thread(this::closeQuietly, "harness-teardown");
    private volatile boolean closed;

    private EmulatedStatefulSet(PodTemplate template, Options options) {
        this.template = template;
        this.options = options;
        this.uid = template.runAsUser();
        this.gid = template.runAsGroup();
        this.image = ImageStandIn.forImage(template.serverImage());
        try {
            HarnessDirectories.removeLeftovers();
            Path etc = imageDir.resolve("etc-mysql");
            Files.createDirectories(etc.resolve("conf.d"));
            ImageStandIn.copyResource("container.sh", imageDir.resolve("container.sh"));
            for (var container : template.allContainers()) {
                imageOf(container);
            }
            ImageStandIn.copyResource("image-my.cnf", etc.resolve("my.cnf"));
            Files.createDirectories(runDir.resolve("claims"));
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            HarnessDirectories.hostDirectory(ClusterNetwork.NETNS_ETC);
            this.network = new ClusterNetwork(runId, template.serviceName(), template.namespace());
            this.clientNs = network.addClient("client");
        } catch (IOException e) {
            closeQuietly();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /** Prepares the StatefulSet of the manifests; no pod runs until {@link #scaleTo} or {@link #createPod}. */
    public static EmulatedStatefulSet of(List<Map<String, Object>> manifests, Options options) {
        return new EmulatedStatefulSet(PodTemplate.from(manifests), options);
    }

    public static EmulatedStatefulSet of(List<Map<String, Object>> manifests) {
        return of(manifests, Options.defaults());
    }

    public PodTemplate template() {
        return template;
    }

    public Options options() {
        return options;
    }

    /** The network namespace test clients (writers, queries) run in; it resolves the pods' names. */
    public String clientNamespace() {
        return clientNs;
    }

    /** Another namespace on the cluster network for a client of the pods (e.g. the harness's Prometheus). */
    public String addClientNamespace(String name) {
        return network.addClient(name);
    }

    /** A namespace on the cluster network for a service the pods reach by HOST_NAMES (e.g. the object store). */
    public String addServiceNamespace(String name, List<String> hostNames) {
        return network.addService(name, hostNames);
    }

    /** The address of a namespace on the cluster network (a pod's, a client's or a service's). */
    public String address(String ns) {
        return network.address(ns);
    }

    public Path runDirectory() {
        return runDir;
    }

    int uid() {
        return uid;
    }

    int gid() {
        return gid;
    }

    Path imageDir() {
        return imageDir;
    }

    /**
     * The stand-in for a container's image, its entrypoint stand-in copied into the run's image directory on first
     * use; an image without a stand-in fails here, before any pod starts.
     */
    synchronized ImageStandIn imageOf(PodTemplate.Container container) {
        ImageStandIn standIn = ImageStandIn.forImage(container.image());
        if (standIn.entrypoint() == null) {
            return standIn;
        }
        Path entrypoint = imageDir.resolve(standIn.entrypointResource());
        if (!Files.exists(entrypoint)) {
            ImageStandIn.copyResource(standIn.entrypointResource(), entrypoint);
            try {
                Files.setPosixFilePermissions(entrypoint, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return standIn;
    }

    /** What runs for the pods' server image: every container of a pod but the exporter runs it. */
    public ImageStandIn image() {
        return image;
    }

    /** Called with (pod, container name) just before a container of the StatefulSet's pods starts: lets a test check
     * an invariant. */
    public void onContainerStart(BiConsumer<EmulatedPod, String> observer) {
        startObservers.add(observer);
    }

    void beforeStart(EmulatedPod pod, String container) {
        for (var observer : startObservers) {
            observer.accept(pod, container);
        }
    }

    void report(String problem) {
        problems.add(problem);
    }

    // ---------------------------------------------------------------------------------------------- pods

    public synchronized EmulatedPod pod(int ordinal) {
        EmulatedPod pod = pods.get(ordinal);
        if (pod == null) {
            throw new IllegalArgumentException("no pod " + template.owner() + "-" + ordinal);
        }
        return pod;
    }

    public synchronized int size() {
        return pods.size();
    }

    /** Like the controller with OrderedReady: creates missing pods in order, each once the previous is Ready;
     * removes surplus pods from the highest ordinal. Volume claims stay. */
    public void scaleTo(int replicas, Duration readyTimeout) {
        for (int i = 0; i < replicas; i++) {
            EmulatedPod pod;
            synchronized (this) {
                pod = pods.containsKey(i) ? pods.get(i) : createPod(i);
            }
            pod.awaitReady(readyTimeout);
        }
        int highest;
        while ((highest = highestOrdinal()) >= replicas) {
            deletePod(highest);
        }
    }

    private synchronized int highestOrdinal() {
        return pods.isEmpty() ? -1 : ((TreeMap<Integer, EmulatedPod>) pods).lastKey();
    }

    /** Creates pod N now, whatever the others do (a test's way to break the order on purpose). */
    public synchronized EmulatedPod createPod(int ordinal) {
        if (pods.containsKey(ordinal)) {
            throw new IllegalStateException("pod " + ordinal + " exists");
        }
        String name = template.owner() + "-" + ordinal;
        int incarnation = incarnations.merge(ordinal, 1, Integer::sum);
        String ns = network.addPod(name, ordinal);
        var pod = new EmulatedPod(this, ordinal, ns, runDir.resolve("pods").resolve(name + "." + incarnation));
        pods.put(ordinal, pod);
        return pod;
    }

    /**
     * Puts a peer that accepts connections on the port and never sends a byte where pod N would be (its name and
     * address), instead of the pod. Removed with {@link #deletePod}.
     */
    public synchronized void createSilentPeer(int ordinal, int port) {
        if (pods.containsKey(ordinal) || silentPeers.containsKey(ordinal)) {
            throw new IllegalStateException("pod " + ordinal + " exists");
        }
        String name = template.owner() + "-" + ordinal;
        String ns = network.addPod(name, ordinal);
        try {
            Path log = runDir.resolve("silent-peer-" + ordinal + ".log");
            Process listener = new ProcessBuilder("ip", "netns", "exec", ns, "socat", "-u",
                    "TCP-LISTEN:" + port + ",reuseaddr,fork", "OPEN:/dev/null")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            silentPeers.put(ordinal, listener);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates a pod of another template (a job's) on the cluster network, with a client's address and no DNS name of
     * its own; it runs until it ends or {@link #deletePod(EmulatedPod, Duration)}.
     */
    public synchronized EmulatedPod createPod(PodTemplate podTemplate, String name) {
        if (otherPods.containsKey(name)) {
            throw new IllegalStateException("pod " + name + " exists");
        }
        podTemplate.allContainers().forEach(this::imageOf);
        String ns = network.addClient(name);
        var pod = new EmulatedPod(this, podTemplate, name, -1, network.address(ns), ns,
                runDir.resolve("pods").resolve(name), volume -> {
                    throw new IllegalStateException("pod " + name + " has no claim template " + volume);
                });
        otherPods.put(name, pod);
        return pod;
    }

    /** Deletes a pod of another template: its containers get GRACE after SIGTERM (zero: killed at once). */
    public void deletePod(EmulatedPod pod, Duration grace) {
        synchronized (this) {
            if (otherPods.remove(pod.name()) == null) {
                return;
            }
        }
        pod.delete(grace);
        network.removeClient(pod.netns());
    }

    /** Called by a pod whose readiness changed: its Services' endpoints follow, shortly after, as in a cluster. */
    void readinessChanged() {
        if (closed) {
            return;
        }
        try {
            endpointsController.execute(this::publishEndpoints);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private void publishEndpoints() {
        List<String> ready;
        List<String> services;
        synchronized (this) {
            if (closed) {
                return;
            }
            ready = pods.values().stream().filter(EmulatedPod::ready).map(EmulatedPod::address).toList();
            services = template.readyServices();
            publishedServices.addAll(services);
        }
        for (String service : publishedServices) {
            network.setEndpoints(service, services.contains(service) ? ready : List.of());
        }
    }

    /** Deletes a pod (SIGTERM, grace period, SIGKILL) and its namespace; its volume claim stays. */
    public void deletePod(int ordinal) {
        EmulatedPod pod;
        synchronized (this) {
            pod = pods.remove(ordinal);
        }
        if (pod != null) {
            pod.delete(pod.grace());
            network.removePod(pod.name(), ordinal);
        }
        Process peer;
        synchronized (this) {
            peer = silentPeers.remove(ordinal);
        }
        if (peer != null) {
            peer.destroyForcibly();
            network.removePod(template.owner() + "-" + ordinal, ordinal);
        }
    }

    /**
     * A changed StatefulSet (and ConfigMap and Secret): pods created from now on use it; running pods keep what they
     * were created with until they are created again, as a RollingUpdate does. Only the same image is emulated.
     */
    public synchronized void update(List<Map<String, Object>> manifests) {
        PodTemplate next = PodTemplate.from(manifests);
        if (!next.serverImage().equals(template.serverImage()) || !next.owner().equals(template.owner())) {
            throw new IllegalArgumentException("the update changes the image or the StatefulSet's name: not emulated");
        }
        template = next;
    }

    /** Deletes a pod and creates it again with the same name and claim, as after an eviction. */
    public EmulatedPod recreatePod(int ordinal, Duration readyTimeout) {
        deletePod(ordinal);
        EmulatedPod pod = createPod(ordinal);
        pod.awaitReady(readyTimeout);
        return pod;
    }

    /** The claim's directory for a pod (claim template name, e.g. "data"): it outlives the pod. */
    synchronized Path claim(String claimTemplate, int ordinal) {
        Path dir = runDir.resolve("claims").resolve(claimTemplate + "-" + template.owner() + "-" + ordinal);
        if (!Files.exists(dir)) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // fsGroup: the volume's root belongs to the pod's group
            Host.check("chown", uid + ":" + gid, dir.toString());
            Host.check("chmod", "2775", dir.toString());
        }
        return dir;
    }

    /** Deletes a claim of a pod that does not run (kubectl delete pvc): its data is gone. */
    public synchronized void deleteClaim(String claimTemplate, int ordinal) {
        if (pods.containsKey(ordinal)) {
            throw new IllegalStateException("pod " + ordinal + " runs: a claim in use is not deleted");
        }
        ClusterNetwork.deleteTree(runDir.resolve("claims").resolve(claimTemplate + "-" + template.owner() + "-" + ordinal));
    }

    public Path claimDirectory(String claimTemplate, int ordinal) {
        return claim(claimTemplate, ordinal);
    }

    /** A pod's datadir on its retained volume: the claim's directory plus the server's subPath. */
    public Path datadir(int ordinal) {
        var server = template().container(mysqlcluster.cluster.PodLayout.SERVER_CONTAINER);
        var mount = server.mounts().stream()
                .filter(m -> m.mountPath().equals(mysqlcluster.cluster.PodLayout.DATA_DIR)).findFirst().orElseThrow();
        return claimDirectory(mount.volume(), ordinal).resolve(mount.subPath());
    }

    /** The sidecar's log line once its start-up work is done (common.sh's STARTED_LINE). */
    static final String SIDECAR_STARTED = "start-up work done";

    /** Waits until the current sidecar of a pod has done its start-up work (users, replication). */
    public void awaitSidecarStarted(int ordinal, Duration timeout) {
        Await.until(timeout, "the sidecar of pod " + ordinal + " done with its start-up work", () -> {
            ContainerRun run = pod(ordinal).current(mysqlcluster.cluster.PodLayout.SIDECAR_CONTAINER);
            return run != null && run.running() && run.log().contains(SIDECAR_STARTED);
        }, () -> pod(ordinal).describe());
    }

    /**
     * Files of an emulated image that are the harness's own, mounted read-only in its containers under the pod's
     * volumes: its entrypoint stand-in, and for a server image its /etc/mysql (the image's my.cnf, never the Debian
     * package's).
     */
    Map<String, Path> imageMounts(ImageStandIn standIn) {
        if (standIn.entrypoint() == null) {
            return Map.of();
        }
        Path entrypoint = imageDir.resolve(standIn.entrypointResource());
        if (standIn.client() == null) {
            return Map.of(standIn.entrypoint(), entrypoint);
        }
        return Map.of(IMAGE_CONF_DIR, imageDir.resolve("etc-mysql"), standIn.entrypoint(), entrypoint);
    }

    // ---------------------------------------------------------------------------------------------- clients

    /**
     * A client that connects from the client namespace to a pod's server over the pod network: the image's own client,
     * run in the image's root.
     */
    public SqlClient client(int ordinal, String user, String password) {
        return new SqlClient(this, clientNs, pod(ordinal).host(), user, password);
    }

    /** The server port: the server container's port named in the manifests. */
    public int mysqlPort() {
        return template.containers().stream().filter(c -> !c.hasCommand()).findFirst()
                .flatMap(c -> c.env().stream().filter(e -> "MYSQL_PORT".equals(e.name())).findFirst())
                .map(e -> Integer.parseInt(e.value()))
                .orElseThrow(() -> new IllegalStateException("the server container has no MYSQL_PORT"));
    }

    // ---------------------------------------------------------------------------------------------- teardown

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        endpointsController.shutdownNow();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // the JVM is shutting down: this is the hook
        }
        closeQuietly();
    }

    private void closeQuietly() {
        var failures = new ArrayList<String>();
        silentPeers.values().forEach(Process::destroyForcibly);
        silentPeers.clear();
        // The run's data is thrown away: pods are killed without a grace period. Given one, a MySQL primary with
        // replicas waits 8 s for its binary log dump threads before it stops, every replica about a second.
        for (EmulatedPod pod : new ArrayList<>(otherPods.values())) {
            try {
                pod.delete(Duration.ZERO);
            } catch (RuntimeException e) {
                failures.add(pod.name() + ": " + e);
            }
        }
        otherPods.clear();
        for (int ordinal : new ArrayList<>(pods.keySet())) {
            EmulatedPod pod = pods.remove(ordinal);
            try {
                pod.delete(Duration.ZERO);
            } catch (RuntimeException e) {
                failures.add(pod.name() + ": " + e);
            }
        }
        try {
            if (network != null) {
                network.close();
            }
        } catch (RuntimeException e) {
            failures.add("network: " + e);
        }
        HarnessDirectories.removeRun(runDir, !Boolean.getBoolean("harness.keep"));
        if (!failures.isEmpty()) {
            System.err.println("harness teardown problems: " + failures);
        }
    }

    /** Every pod's state and log tails, and problems the kubelets reported. */
    public synchronized String describe() {
        var text = new StringBuilder();
        problems.forEach(p -> text.append("problem: ").append(p).append('\n'));
        pods.values().forEach(p -> text.append(p.describe()));
        otherPods.values().forEach(p -> text.append(p.describe()));
        return text.toString();
    }

    public Map<Integer, EmulatedPod> pods() {
        synchronized (this) {
            return new LinkedHashMap<>(pods);
        }
    }
}
