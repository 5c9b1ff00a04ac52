package mysqlcluster.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The structural part of the API server's CRD validation: types, enums, minimums, required fields, and unknown
 * fields (pruned by the server, so a typo would silently vanish) unless the schema preserves them.
 */
final class OpenApiCheck {
    private OpenApiCheck() {
    }

    static void check(JsonNode schema, JsonNode value, String path, List<String> problems) {
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    problems.add(path + ": expected object");
                    return;
                }
                JsonNode properties = schema.path("properties");
                boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
                JsonNode additional = schema.get("additionalProperties");
                var names = new java.util.TreeSet<String>();
                value.fieldNames().forEachRemaining(names::add);
                for (String field : names) {
                    if (properties.has(field)) {
                        check(properties.get(field), value.get(field), path + "." + field, problems);
                    } else if (additional != null && additional.isObject()) {
                        check(additional, value.get(field), path + "." + field, problems);
                    } else if (!preserve && !properties.isMissingNode() && !path.equals(".metadata")) {
                        problems.add(path + "." + field + ": unknown field");
                    }
                }
                schema.path("required").forEach(r -> {
                    if (!value.has(r.asText())) {
                        problems.add(path + "." + r.asText() + ": required");
                    }
                });
            }
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(path + ": expected array");
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(schema.path("items"), value.get(i), path + "[" + i + "]", problems);
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(path + ": expected integer");
                } else if (schema.has("minimum") && value.asLong() < schema.get("minimum").asLong()) {
                    problems.add(path + ": below minimum " + schema.get("minimum"));
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(path + ": expected boolean");
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(path + ": expected string");
                }
            }
            default -> { }
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            problems.add(path + ": " + value + " is not one of " + schema.get("enum"));
        }
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode v : values) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
