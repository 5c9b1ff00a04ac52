package mysqlcluster.render;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mysqlcluster.TestStacks;
import mysqlcluster.settings.StackFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What render prints is what a Kubernetes 1.33 API server accepts: each object is checked against the official
 * client's models (unknown and missing required fields are errors), and the CephBlockPool against Rook's CRD schema.
 */
class KubernetesSchemaTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> MODELS = Map.of(
            "Namespace", "V1Namespace", "StorageClass", "V1StorageClass", "Secret", "V1Secret",
            "ConfigMap", "V1ConfigMap", "Service", "V1Service", "NetworkPolicy", "V1NetworkPolicy",
            "PodDisruptionBudget", "V1PodDisruptionBudget", "StatefulSet", "V1StatefulSet");
    /** Rook's CRD, from the shared reference material (not part of this repository). */
    static final Path ROOK_CRD = TestStacks.ROOT.resolve("../shared/reference/rook/cephblockpools-crd.json").normalize();

    static List<Path> stacks() {
        return TestStacks.all();
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void everyObjectMatchesTheKubernetesSchema(Path stackFile) throws Exception {
        for (var manifest : Renderer.render(StackFile.load(stackFile), SecretValues.redacted())) {
            String kind = (String) manifest.get("kind");
            if (kind.equals("CephBlockPool")) {
                continue;
            }
            String model = MODELS.get(kind);
            assertNotNull(model, "a model for " + kind);
            Method validate = Class.forName("io.kubernetes.client.openapi.models." + model)
                    .getMethod("validateJsonElement", JsonElement.class);
            JsonElement json = JsonParser.parseString(JSON.writeValueAsString(manifest));
            assertDoesNotThrow(() -> validate.invoke(null, json), kind + " " + Manifests.name(manifest));
            assertNoFractions(manifest, kind);
        }
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void cephBlockPoolMatchesRooksCrdSchema(Path stackFile) throws Exception {
        assumeTrue(Files.exists(ROOK_CRD), "Rook's CRD is in ../shared/reference (CI has it): " + ROOK_CRD);
        JsonNode crd = JSON.readTree(ROOK_CRD.toFile());
        JsonNode version = crd.at("/spec/versions/0");
        assertEquals("v1", version.get("name").asText());
        JsonNode schema = version.at("/schema/openAPIV3Schema");
        for (var manifest : Renderer.render(StackFile.load(stackFile), SecretValues.redacted())) {
            if (manifest.get("kind").equals("CephBlockPool")) {
                assertEquals(crd.at("/spec/group").asText() + "/v1", manifest.get("apiVersion"));
                var problems = new ArrayList<String>();
                OpenApiCheck.check(schema, JSON.valueToTree(manifest), "", problems);
                assertEquals(List.of(), problems);
            }
        }
    }

    @Test
    void theSchemaCheckItselfRejectsWhatTheApiServerWould() throws Exception {
        var bad = JSON.readTree("""
                {"kind":"StatefulSet","apiVersion":"apps/v1","metadata":{"name":"x"},
                 "spec":{"selector":{},"template":{},"servicName":"typo"}}""");
        Method validate = Class.forName("io.kubernetes.client.openapi.models.V1StatefulSet")
                .getMethod("validateJsonElement", JsonElement.class);
        var thrown = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> validate.invoke(null, JsonParser.parseString(bad.toString())));
        assertTrue(String.valueOf(thrown.getCause()).contains("servicName"), String.valueOf(thrown.getCause()));
        assumeTrue(Files.exists(ROOK_CRD));
        var problems = new ArrayList<String>();
        JsonNode schema = JSON.readTree(ROOK_CRD.toFile()).at("/spec/versions/0/schema/openAPIV3Schema");
        OpenApiCheck.check(schema, JSON.readTree("""
                {"apiVersion":"ceph.rook.io/v1","kind":"CephBlockPool","metadata":{"name":"p"},
                 "spec":{"replicated":{"size":"three"},"failureDomian":"host","compressionMode":"zip"}}"""), "", problems);
        assertEquals(List.of(".spec.compressionMode: \"zip\" is not one of [\"none\",\"passive\",\"aggressive\",\"force\",\"\"]",
                ".spec.failureDomian: unknown field", ".spec.replicated.size: expected integer"), problems);
    }

    private static void assertNoFractions(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> assertNoFractions(v, where + "." + k));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> assertNoFractions(v, where + "[]"));
        } else {
            assertFalse(value instanceof Double || value instanceof Float, where + " is rendered as " + value);
        }
    }
}
