package mysqlcluster.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mysqlcluster.bootstrap.Await;
import mysqlcluster.bootstrap.ClusterNetwork;
import mysqlcluster.bootstrap.Host;
import mysqlcluster.bootstrap.RunIds;

/**
 * A Kubernetes control plane on loopback for the end-to-end suite: etcd, kube-apiserver with certificates of its own
 * (engine/certificates.sh), kube-controller-manager (every default controller: StatefulSet, PV binder, endpoints,
 * garbage collector...), kube-scheduler and kwok, which runs the fake nodes of engine/nodes.yaml and moves the pods
 * scheduled on them to Running and Ready. No kubelet: no container runs. The Service and pod networks exist only on
 * paper (nothing routes or sends to them). Every process listens on 127.0.0.1 only, on free ports; close() stops them
 * and removes the run's directory. A run whose JVM died is cleaned up by the next one.
 */
public final class ControlPlane implements AutoCloseable {
    static final Path ROOT = Path.of("/var/tmp/mysql-cluster-engine");
    /** The fake nodes of engine/nodes.yaml, on distinct hostnames (prod's required anti-affinity needs three). */
    public static final List<String> NODES = List.of("node-a", "node-b", "node-c");
    /** A user in no group, whose rights the RBAC tests grant (a client certificate of the cluster's CA). */
    public static final String PREVIEW_USER = "pull-request-preview";
    static final String SERVICE_CIDR = "10.96.0.0/16";
    static final String POD_CIDR = "10.244.0.0/16";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private Kubectl kubectl;

    private ControlPlane(Path dir) {
        this.dir = dir;
    }

    /** Starts a control plane with the upstream CRDs installed and every node ready. */
    public static ControlPlane start() {
        return start(0);
    }

    /**
     * Like start(), with the controller-manager held to CONTROLLER_API_QPS requests per second (0: its default): a
     * busy controller-manager, slow to write a StatefulSet's status after a change of its spec.
     */
    public static ControlPlane start(int controllerApiQps) {
        removeLeftovers();
        var plane = new ControlPlane(ROOT.resolve(RunIds.next()));
        try {
            plane.boot(controllerApiQps);
            return plane;
        } catch (RuntimeException | Error e) {
            plane.close();
            throw e;
        }
    }

    public Kubectl kubectl() {
        return kubectl;
    }

    /** The admin kubeconfig (system:masters). */
    public Path kubeconfig() {
        return kubectl.kubeconfig();
    }

    /** A kubeconfig for the user PREVIEW_USER, who has only the rights the tests give. */
    public Path previewKubeconfig() {
        return dir.resolve("preview.kubeconfig");
    }

    public Path directory() {
        return dir;
    }

    private void boot(int controllerApiQps) {
        Path certs = dir.resolve("pki");
        Host.run(List.of("bash", EngineTools.resource("certificates.sh").toString(), certs.toString(), PREVIEW_USER),
                null, null, Duration.ofSeconds(60)).check();
        int etcdPort = freePort();
        int peerPort = freePort();
        int apiPort = freePort();
        String etcd = "http://127.0.0.1:" + etcdPort;
        String peer = "http://127.0.0.1:" + peerPort;

        start("etcd", EngineTools.binary("etcd", "etcd").toString(),
                "--name=test", "--data-dir=" + dir.resolve("etcd"),
                "--listen-client-urls=" + etcd, "--advertise-client-urls=" + etcd,
                "--listen-peer-urls=" + peer, "--initial-advertise-peer-urls=" + peer,
                "--initial-cluster=test=" + peer, "--unsafe-no-fsync", "--log-level=warn");

        var kube = EngineTools.directories("kubernetes").get(0);
        start("kube-apiserver", kube.resolve("kube-apiserver").toString(),
                "--etcd-servers=" + etcd,
                "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1", "--secure-port=" + apiPort,
                "--tls-cert-file=" + certs.resolve("apiserver.crt"),
                "--tls-private-key-file=" + certs.resolve("apiserver.key"),
                "--client-ca-file=" + certs.resolve("ca.crt"),
                "--service-account-issuer=https://kubernetes.default.svc",
                "--service-account-key-file=" + certs.resolve("sa.pub"),
                "--service-account-signing-key-file=" + certs.resolve("sa.key"),
                "--service-cluster-ip-range=" + SERVICE_CIDR,
                // loopback may not be an endpoint address: the default Service "kubernetes" gets none
                "--endpoint-reconciler-type=none",
                "--authorization-mode=RBAC", "--allow-privileged=false", "--profiling=false");

        kubectl = new Kubectl(kube.resolve("kubectl"), writeKubeconfig("admin.kubeconfig", apiPort, certs, "admin"));
        writeKubeconfig("preview.kubeconfig", apiPort, certs, PREVIEW_USER);
        Await.until(START_TIMEOUT, "the API server to be ready", () -> kubectl.run("get", "--raw=/readyz").ok(),
                () -> tail("kube-apiserver"));

        String kubeconfig = "--kubeconfig=" + kubeconfig();
        var controllerManager = new ArrayList<>(List.of(kube.resolve("kube-controller-manager").toString(), kubeconfig,
                "--leader-elect=false", "--secure-port=0", "--use-service-account-credentials=false",
                "--service-account-private-key-file=" + certs.resolve("sa.key"),
                "--root-ca-file=" + certs.resolve("ca.crt"), "--profiling=false"));
        if (controllerApiQps > 0) {
            controllerManager.add("--kube-api-qps=" + controllerApiQps);
            controllerManager.add("--kube-api-burst=" + controllerApiQps);
        }
        start("kube-controller-manager", controllerManager.toArray(String[]::new));
        start("kube-scheduler", kube.resolve("kube-scheduler").toString(), kubeconfig,
                "--leader-elect=false", "--secure-port=0", "--profiling=false");
        var kwok = new ArrayList<>(List.of(EngineTools.binary("kwok", "kwok").toString(), kubeconfig,
                "--manage-all-nodes=false", "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
                "--cidr=" + POD_CIDR, "--node-ip=127.0.0.1", "--node-lease-duration-seconds=40"));
        EngineTools.upstream("kwok-stages").forEach(stage -> kwok.add("--config=" + stage));
        start("kwok", kwok.toArray(String[]::new));

        kubectl.apply(EngineTools.read(EngineTools.resource("nodes.yaml")));
        for (String set : List.of("rook-crds", "prometheus-operator-crds")) {
            for (Path crd : EngineTools.upstream(set)) {
                kubectl.run("apply", "--server-side", "-f", crd.toString()).check();
            }
        }
        kubectl.run("wait", "--for=condition=Established", "--timeout=60s", "crd", "--all").check();
        kubectl.run("wait", "--for=condition=Ready", "--timeout=60s", "node", "--all").check();
        Await.until(START_TIMEOUT, "the default ServiceAccount (the controller-manager's first work)",
                () -> kubectl.exists("serviceaccount/default", "-n", "default"), () -> tail("kube-controller-manager"));
    }

    private Path writeKubeconfig(String file, int port, Path certs, String user) {
        Path path = dir.resolve(file);
        var k = new Kubectl(kubectl == null ? EngineTools.binary("kubernetes", "kubectl") : kubectl.binary(), path);
        k.check("config", "set-cluster", "test", "--server=https://127.0.0.1:" + port,
                "--certificate-authority=" + certs.resolve("ca.crt"), "--embed-certs=true");
        k.check("config", "set-credentials", user, "--client-certificate=" + certs.resolve(user + ".crt"),
                "--client-key=" + certs.resolve(user + ".key"), "--embed-certs=true");
        k.check("config", "set-context", "test", "--cluster=test", "--user=" + user);
        k.check("config", "use-context", "test");
        return path;
    }

    private void start(String name, String... command) {
        try {
            Files.createDirectories(dir.resolve("logs"));
            var builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("logs").resolve(name + ".log").toFile());
            processes.add(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** The last lines of a component's log, for failure messages. */
    public String tail(String component) {
        Path log = dir.resolve("logs").resolve(component + ".log");
        try {
            var lines = Files.exists(log) ? Files.readAllLines(log) : List.<String>of();
            return component + " log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return component + " log unreadable: " + e.getMessage();
        }
    }

    /** Stops the components, last started first, and removes the run's directory. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            stop(processes.get(i).toHandle());
        }
        if (System.getenv("ENGINE_KEEP_RUN") == null) {
            ClusterNetwork.deleteTree(dir);
        }
    }

    private static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception stillRunning) {
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs whose JVM is gone: their processes (found by the run directory on their command line) and directory. */
    static void removeLeftovers() {
        if (!Files.isDirectory(ROOT)) {
            return;
        }
        try (Stream<Path> runs = Files.list(ROOT)) {
            for (Path run : runs.filter(Files::isDirectory).toList()) {
                if (RunIds.ownerAlive(run.getFileName().toString())) {
                    continue;
                }
                String marker = run + "/";
                ProcessHandle.allProcesses()
                        .filter(p -> Host.commandLine(p.pid()).stream().anyMatch(a -> a.contains(marker)))
                        .forEach(ControlPlane::stop);
                ClusterNetwork.deleteTree(run);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
