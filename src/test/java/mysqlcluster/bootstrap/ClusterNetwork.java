package mysqlcluster.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The "cluster network": a switch namespace holding a bridge, and one network namespace per pod joined to it by a
 * veth pair, on a private subnet that exists only inside these namespaces. Each namespace gets a hosts file
 * (/etc/netns/NS/hosts, bind-mounted by ip netns exec) that resolves pods like the cluster DNS does for a headless
 * Service: POD.SERVICE, POD.SERVICE.NAMESPACE.svc.cluster.local and the short POD; and a headless Service of ready
 * pods (SERVICE, SERVICE.NAMESPACE.svc.cluster.local) to every address among its endpoints.
 */
public final class ClusterNetwork implements AutoCloseable {
    /** Every namespace, link and directory of the harness starts with this; leftovers are found by it. */
    public static final String PREFIX = "mchb";
    private static final String SUBNET = "10.213.0.";
    static final Path NETNS_ETC = Path.of("/etc/netns");

    private final String prefix;
    private final String switchNs;
    private final String serviceName;
    private final String namespace;
    /** namespace name -> address, for pods and clients currently attached. */
    private final Map<String, String> addresses = new LinkedHashMap<>();
    /** namespace name -> the bridge side of its veth pair. */
    private final Map<String, String> links = new LinkedHashMap<>();
    /** address -> host names. */
    private final Map<String, List<String>> names = new LinkedHashMap<>();
    /** headless Service -> the addresses its name resolves to. */
    private final Map<String, List<String>> endpoints = new LinkedHashMap<>();
    private int nextClient = 200;

    public ClusterNetwork(String runId, String serviceName, String namespace) {
        this.prefix = PREFIX + runId;
        this.switchNs = prefix + "-net";
        this.serviceName = serviceName;
        this.namespace = namespace;
        Host.check("ip", "netns", "add", switchNs);
        Host.check("ip", "-n", switchNs, "link", "set", "lo", "up");
        Host.check("ip", "-n", switchNs, "link", "add", "br0", "type", "bridge");
        Host.check("ip", "-n", switchNs, "link", "set", "br0", "up");
    }

    public String podNamespace(String pod) {
        return prefix + "-" + pod;
    }

    public static String podAddress(int ordinal) {
        return SUBNET + (10 + ordinal);
    }

    /** Creates the pod's namespace, attached to the bridge at its fixed address, and publishes its names. */
    public synchronized String addPod(String pod, int ordinal) {
        String ns = podNamespace(pod);
        attach(ns, "p" + ordinal, podAddress(ordinal));
        names.put(podAddress(ordinal), List.of(pod + "." + serviceName + "." + namespace + ".svc.cluster.local",
                pod + "." + serviceName, pod));
        writeHostsFiles();
        return ns;
    }

    /** A namespace for test clients (writers, queries), attached like a pod but without a name. */
    public synchronized String addClient(String name) {
        String ns = prefix + "-" + name;
        attach(ns, "c" + nextClient, SUBNET + nextClient);
        nextClient++;
        writeHostsFiles();
        return ns;
    }

    /** The address of a namespace attached to the network. */
    public synchronized String address(String ns) {
        return addresses.get(ns);
    }

    /** Removes a client's namespace (and kills what runs in it). */
    public synchronized void removeClient(String ns) {
        detach(ns);
    }

    /** What the headless SERVICE's name resolves to from now on: these addresses, none when empty. */
    public synchronized void setEndpoints(String service, List<String> podAddresses) {
        endpoints.put(service, List.copyOf(podAddresses));
        writeHostsFiles();
    }

    /** A namespace for a service beside the pods (e.g. an object store), attached like a client, reachable by NAMES. */
    public synchronized String addService(String name, List<String> hostNames) {
        String address = SUBNET + nextClient;
        String ns = addClient(name);
        names.put(address, List.copyOf(hostNames));
        writeHostsFiles();
        return ns;
    }

    /** Kills whatever still runs in the pod's namespace, then removes the namespace, its link and its names. */
    public synchronized void removePod(String pod, int ordinal) {
        names.remove(podAddress(ordinal));
        writeHostsFiles();
        detach(podNamespace(pod));
    }

    private void attach(String ns, String link, String address) {
        Host.check("ip", "netns", "add", ns);
        addresses.put(ns, address);
        writeHostsFile(ns);
        Host.check("ip", "-n", ns, "link", "set", "lo", "up");
        Host.check("ip", "-n", switchNs, "link", "add", link, "type", "veth", "peer", "name", "eth0", "netns", ns);
        links.put(ns, link);
        Host.check("ip", "-n", switchNs, "link", "set", link, "master", "br0", "up");
        // a fixed MAC per address: a pod created again is reachable at once, without waiting out stale ARP entries
        String[] octets = address.split("\\.");
        Host.check("ip", "-n", ns, "link", "set", "eth0", "address",
                String.format("02:42:%02x:%02x:%02x:%02x", Integer.parseInt(octets[0]), Integer.parseInt(octets[1]),
                        Integer.parseInt(octets[2]), Integer.parseInt(octets[3])));
        Host.check("ip", "-n", ns, "addr", "add", address + "/24", "dev", "eth0");
        Host.check("ip", "-n", ns, "link", "set", "eth0", "up");
    }

    private void detach(String ns) {
        killAll(ns);
        // the kernel tears a deleted namespace down later, with its end of the pair: deleted here, the pair goes at
        // once, and a pod made again at once can have its link name back ("File exists" otherwise)
        String link = links.remove(ns);
        if (link != null) {
            Host.run("ip", "-n", switchNs, "link", "del", link);
        }
        Host.run("ip", "netns", "del", ns);
        addresses.remove(ns);
        deleteTree(NETNS_ETC.resolve(ns));
    }

    private void writeHostsFiles() {
        addresses.keySet().forEach(this::writeHostsFile);
    }

    /** Rewritten in place: ip netns exec bind-mounts the file, so running processes see the new content. */
    private void writeHostsFile(String ns) {
        var text = new StringBuilder("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        names.forEach((address, hostNames) -> text.append(address).append('\t').append(String.join(" ", hostNames)).append('\n'));
        endpoints.forEach((service, serviceAddresses) -> serviceAddresses.forEach(address -> text.append(address)
                .append('\t').append(service).append(' ').append(service).append('.').append(namespace)
                .append(".svc.cluster.local\n")));
        try {
            Path dir = NETNS_ETC.resolve(ns);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("hosts"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        for (String ns : new ArrayList<>(addresses.keySet())) {
            detach(ns);
        }
        killAll(switchNs);
        Host.run("ip", "netns", "del", switchNs);
        deleteTree(NETNS_ETC.resolve(switchNs));
    }

    static void killAll(String ns) {
        for (int attempt = 0; attempt < 50; attempt++) {
            var pids = Host.run("ip", "netns", "pids", ns).out().strip();
            if (pids.isEmpty()) {
                return;
            }
            for (String pid : pids.split("\\s+")) {
                Host.signal(Long.parseLong(pid), "KILL");
            }
            sleep(100);
        }
    }

    /** Removes namespaces left by harness runs whose JVM is gone (a crash, a kill -9). */
    public static void removeLeftovers() {
        for (String line : Host.run("ip", "netns", "list").out().split("\n")) {
            String ns = line.strip().split("\\s+")[0];
            if (ns.startsWith(PREFIX) && !RunIds.ownerAlive(ns.substring(PREFIX.length()))) {
                killAll(ns);
                Host.run("ip", "netns", "del", ns);
            }
        }
        if (Files.isDirectory(NETNS_ETC)) {
            try (Stream<Path> dirs = Files.list(NETNS_ETC)) {
                dirs.filter(d -> d.getFileName().toString().startsWith(PREFIX))
                        .filter(d -> !RunIds.ownerAlive(d.getFileName().toString().substring(PREFIX.length())))
                        .forEach(ClusterNetwork::deleteTree);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
