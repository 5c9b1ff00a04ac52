package mysqlcluster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import mysqlcluster.cluster.KubernetesProvider;
import org.junit.jupiter.api.Test;

/** The provider the program asks users' engines for is the one the end-to-end suite proves. */
class ToolPinsTest {
    @Test
    void theProgramAsksForTheProviderReleaseTheSuiteBuilds() {
        String line = EngineTools.read(EngineTools.resource("tools.conf")).lines()
                .filter(l -> l.startsWith("pulumi-resource-kubernetes ")).findFirst().orElseThrow();
        String[] fields = Arrays.stream(line.split("\\s+")).toArray(String[]::new);
        assertEquals(KubernetesProvider.VERSION, fields[3],
                "engine/tools.conf builds provider " + fields[3] + ", the program asks for " + KubernetesProvider.VERSION);
    }
}
