package mysqlcluster.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import mysqlcluster.settings.MapConfigSource;
import mysqlcluster.settings.Settings;

/** One config value set on a stack's config, as `pulumi config set --path mysql-cluster:<key> <value>` would. */
record ConfigEdit(String key, Object value) {
    private static final ObjectMapper JSON = new ObjectMapper();

    MapConfigSource applyTo(MapConfigSource source) {
        String[] path = key.split("\\.");
        String fullKey = Settings.fullKey(path[0]);
        var values = new HashMap<>(source.values());
        try {
            if (path.length == 1) {
                values.put(fullKey, JSON.writeValueAsString(value));
                return new MapConfigSource(values, source.secrets());
            }
            JsonNode root = values.containsKey(fullKey) ? JSON.readTree(values.get(fullKey)) : JSON.createObjectNode();
            ObjectNode node = (ObjectNode) root;
            for (int i = 1; i < path.length - 1; i++) {
                node = node.has(path[i]) ? (ObjectNode) node.get(path[i]) : node.putObject(path[i]);
            }
            node.set(path[path.length - 1], JSON.valueToTree(value));
            values.put(fullKey, JSON.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new MapConfigSource(values, source.secrets());
    }

    @Override
    public String toString() {
        return key + " = " + value;
    }
}
