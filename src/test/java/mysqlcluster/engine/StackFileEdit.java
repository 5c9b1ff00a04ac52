package mysqlcluster.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A stack file with config values changed, as a pull request changes it: mysql-cluster:&lt;a.b.c&gt; set to a value
 * (a string, number, boolean, list or map), the rest as it was.
 */
public final class StackFileEdit {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private StackFileEdit() {
    }

    /** Writes FROM with KEY set to VALUE into TO. */
    public static void write(Path from, Path to, String key, Object value) {
        try {
            ObjectNode file = (ObjectNode) YAML.readTree(from.toFile());
            ObjectNode config = file.has("config") ? (ObjectNode) file.get("config") : file.putObject("config");
            String[] path = key.split("\\.");
            String top = "mysql-cluster:" + path[0];
            if (path.length == 1) {
                config.set(top, YAML.valueToTree(value));
            } else {
                ObjectNode node = config.has(top) ? (ObjectNode) config.get(top) : config.putObject(top);
                for (int i = 1; i < path.length - 1; i++) {
                    node = node.has(path[i]) ? (ObjectNode) node.get(path[i]) : node.putObject(path[i]);
                }
                node.set(path[path.length - 1], YAML.valueToTree(value));
            }
            YAML.writeValue(to.toFile(), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
