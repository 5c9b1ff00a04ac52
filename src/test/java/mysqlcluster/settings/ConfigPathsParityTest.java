package mysqlcluster.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.pulumi.Config;
import com.pulumi.deployment.internal.DeploymentImpl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import mysqlcluster.TestStacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * `pulumi up` and `render` read the same stack file into the same settings. The Pulumi side gets the config the way
 * the engine hands it over (PULUMI_CONFIG: a JSON object of full key to string, structured values as JSON text,
 * parsed by the SDK's own parser) and reads it through the SDK's {@link Config}.
 */
class ConfigPathsParityTest {
    static List<Path> stacks() {
        return TestStacks.all();
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void pulumiConfigAndStackFileGiveTheSameSettings(Path stackFile) throws Exception {
        JsonNode config = new YAMLMapper().readTree(stackFile.toFile()).get("config");
        var engineConfig = new LinkedHashMap<String, String>();
        var secretKeys = new ArrayList<String>();
        config.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isObject() && v.has("secure")) {
                secretKeys.add(e.getKey());
                engineConfig.put(e.getKey(), "decrypted-" + e.getKey());
            } else {
                engineConfig.put(e.getKey(), v.isValueNode() ? v.asText() : v.toString());
            }
        });
        String pulumiConfigEnv = new ObjectMapper().writeValueAsString(engineConfig);
        ImmutableMap<String, String> parsed = DeploymentImpl.Config.parseConfig(pulumiConfigEnv);
        var sdkConfig = new Config(new DeploymentImpl.Config(parsed, ImmutableSet.copyOf(secretKeys)), Settings.PROJECT);

        Settings viaPulumi = Settings.read(new PulumiConfigSource(sdkConfig, parsed.keySet(), ImmutableSet.copyOf(secretKeys)));
        Settings viaStackFile = StackFile.load(stackFile);
        assertEquals(viaStackFile, viaPulumi);
    }
}
