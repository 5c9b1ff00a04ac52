package mysqlcluster.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A pod deleted and made again at once (a rolling restart) is attached again even while its old network namespace
 * lives on: the kernel tears a namespace down only once nothing holds it, and until then the old veth pair keeps
 * the link's name ("File exists", a flake SecretScenariosTest hit in CI).
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
}
