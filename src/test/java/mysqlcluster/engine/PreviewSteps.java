package mysqlcluster.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps `pulumi preview --json` plans for the Kubernetes resources, one per resource: what the engine will do
 * to it. Steps that change nothing (same, read, refresh) and Pulumi's own resources are left out.
 */
public record PreviewSteps(Map<String, Step> byResource, Map<String, List<String>> ops) {
    /** What the engine does to one resource. */
    public enum Step { UPDATE, CREATE, DELETE, REPLACE_DELETE_FIRST, REPLACE_CREATE_FIRST }

    /** A resource: the kind of its type token and its Pulumi name. */
    public record Resource(String kind, String name) {
    }

    public static PreviewSteps parse(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("pulumi preview --json printed no JSON:\n" + json, e);
        }
        var ops = new LinkedHashMap<String, List<String>>();
        for (JsonNode step : root.path("steps")) {
            String urn = step.get("urn").asText();
            String type = urn.substring(urn.lastIndexOf('$') + 1, urn.lastIndexOf("::"));
            if (type.startsWith("kubernetes:")) {
                ops.computeIfAbsent(urn, u -> new ArrayList<>()).add(step.get("op").asText());
            }
        }
        var steps = new LinkedHashMap<String, Step>();
        ops.forEach((urn, list) -> step(list).ifPresent(s -> steps.put(urn, s)));
        return new PreviewSteps(steps, ops);
    }

    /** The resources with their steps, by kind and name. */
    public Map<Resource, Step> resources() {
        var out = new LinkedHashMap<Resource, Step>();
        byResource.forEach((urn, step) -> {
            String type = urn.substring(urn.lastIndexOf('$') + 1, urn.lastIndexOf("::"));
            out.put(new Resource(type.substring(type.lastIndexOf(':') + 1), urn.substring(urn.lastIndexOf("::") + 2)),
                    step);
        });
        return out;
    }

    private static java.util.Optional<Step> step(List<String> ops) {
        if (ops.contains("replace") || ops.contains("create-replacement") || ops.contains("delete-replaced")) {
            int deleted = ops.indexOf("delete-replaced");
            int created = ops.indexOf("create-replacement");
            return java.util.Optional.of(deleted >= 0 && (created < 0 || deleted < created)
                    ? Step.REPLACE_DELETE_FIRST : Step.REPLACE_CREATE_FIRST);
        }
        if (ops.contains("update")) {
            return java.util.Optional.of(Step.UPDATE);
        }
        if (ops.contains("create")) {
            return java.util.Optional.of(Step.CREATE);
        }
        if (ops.contains("delete")) {
            return java.util.Optional.of(Step.DELETE);
        }
        return java.util.Optional.empty();
    }
}
