package mysqlcluster.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compares what `render` prints with the objects in the API server: every field render sets must be in the live
 * object with the same value. Fields the server adds (status, uid, defaults, managed fields) are not compared; the
 * annotations Pulumi adds are not in render's output, so they are not either.
 */
final class LiveObjects {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private LiveObjects() {
    }

    /** The objects of a YAML stream, in order. */
    static List<ObjectNode> parse(String yaml) {
        try (var parser = YAML.getFactory().createParser(yaml)) {
            var objects = new ArrayList<ObjectNode>();
            Iterator<ObjectNode> it = YAML.readValues(parser, ObjectNode.class);
            while (it.hasNext()) {
                ObjectNode o = it.next();
                if (o != null && o.has("kind")) {
                    objects.add(o);
                }
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kubectl's name of an object: Kind.group/name (Kind/name in the core group). */
    static String reference(JsonNode object) {
        String apiVersion = object.get("apiVersion").asText();
        String kind = object.get("kind").asText();
        String name = object.get("metadata").get("name").asText();
        int slash = apiVersion.indexOf('/');
        return (slash < 0 ? kind : kind + "." + apiVersion.substring(0, slash)) + "/" + name;
    }

    /** kubectl's arguments that get an object: its reference and, if namespaced, -n namespace. */
    static String[] getArgs(JsonNode object) {
        JsonNode ns = object.get("metadata").get("namespace");
        return ns == null ? new String[] {reference(object)} : new String[] {reference(object), "-n", ns.asText()};
    }

    /** Where the live object differs from what was rendered, one line per field ("" when it matches). */
    static List<String> differences(JsonNode rendered, JsonNode live) {
        var out = new ArrayList<String>();
        compare(reference(rendered), rendered, live, out);
        return out;
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> out) {
        if ((actual == null || actual.isMissingNode()) && expected.isContainerNode() && expected.isEmpty()) {
            return; // the API server drops empty maps and lists (an empty podSelector's matchLabels)
        }
        if (actual == null || actual.isMissingNode()) {
            out.add(path + ": missing in the API server (rendered " + expected + ")");
        } else if (expected.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                var field = it.next();
                compare(path + "." + field.getKey(), field.getValue(), actual.get(field.getKey()), out);
            }
        } else if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                out.add(path + ": rendered " + expected + ", the API server has " + actual);
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), out);
            }
        } else if (!sameScalar(expected, actual)) {
            out.add(path + ": rendered " + expected + ", the API server has " + actual);
        }
    }

    private static boolean sameScalar(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.asText().equals(actual.asText());
    }
}
