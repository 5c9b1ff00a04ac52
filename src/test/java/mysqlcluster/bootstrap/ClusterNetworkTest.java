package mysqlcluster.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A pod deleted and made again at once (a rolling restart) is attached again even while its old network namespace
 * lives on: the kernel tears a namespace down only once nothing holds it, and until then the old veth pair keeps
 * the link's name ("File exists", a flake SecretScenariosTest hit in CI). A headless Service of ready pods resolves,
 * with glibc's hosts files, to exactly its endpoints' addresses, and to nothing without any.
 */
class ClusterNetworkTest {
    @Test
    void aPodMadeAgainWhileItsOldNamespaceIsStillHeldIsAttached() {
        HarnessPreconditions.require();
        try (var network = new ClusterNetwork(RunIds.next(), "mysql", "test")) {
            String ns = network.addPod("mysql-1", 1);
            // something outside the namespace still holding it, as an exiting container's process can for a moment
            var holder = new ProcessBuilder("sh", "-c", "exec 3</run/netns/" + ns + "; sleep 30").start();
            try {
                Thread.sleep(200);
                network.removePod("mysql-1", 1);
                String again = network.addPod("mysql-1", 1);
                var link = Host.run(List.of("ip", "-n", again, "-o", "addr", "show", "eth0"), null, null,
                        Duration.ofSeconds(10));
                assertEquals(0, link.exit(), link.err());
            } finally {
                holder.destroyForcibly();
            }
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aServiceOfReadyPodsResolvesToItsEndpointsOnly() {
        HarnessPreconditions.require();
        try (var network = new ClusterNetwork(RunIds.next(), "mysql", "test")) {
            network.addPod("mysql-0", 0);
            network.addPod("mysql-1", 1);
            String client = network.addClient("client");
            assertEquals(List.of(), resolve(client, "mysql-donors"));
            network.setEndpoints("mysql-donors", List.of(ClusterNetwork.podAddress(0), ClusterNetwork.podAddress(1)));
            assertEquals(List.of(ClusterNetwork.podAddress(0), ClusterNetwork.podAddress(1)),
                    resolve(client, "mysql-donors"));
            assertEquals(List.of(ClusterNetwork.podAddress(0), ClusterNetwork.podAddress(1)),
                    resolve(client, "mysql-donors.test.svc.cluster.local"));
            network.setEndpoints("mysql-donors", List.of(ClusterNetwork.podAddress(1)));
            assertEquals(List.of(ClusterNetwork.podAddress(1)), resolve(client, "mysql-donors"));
            assertEquals(List.of(ClusterNetwork.podAddress(0)), resolve(client, "mysql-0.mysql"), "pods keep their names");
        }
    }

    /** The distinct IPv4 addresses NAME resolves to in the namespace, as backup-donor.sh asks (getent ahostsv4). */
    private static List<String> resolve(String ns, String name) {
        var r = Host.run(List.of("ip", "netns", "exec", ns, "getent", "ahostsv4", name), null, null,
                Duration.ofSeconds(10));
        return r.out().lines().map(l -> l.split("\\s+")[0]).distinct().sorted().toList();
    }
}
