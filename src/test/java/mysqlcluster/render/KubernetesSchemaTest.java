package mysqlcluster.render;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * client's models (unknown and missing required fields are errors); the CephBlockPool and the ObjectBucketClaim are
 * checked by RookCrdSchemaTest,
 * the Prometheus Operator's PodMonitor and PrometheusRule field by field by MonitoringPartTest.
 */
class KubernetesSchemaTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> MODELS = Map.of(
            "Namespace", "V1Namespace", "StorageClass", "V1StorageClass", "Secret", "V1Secret",
            "ConfigMap", "V1ConfigMap", "Service", "V1Service", "NetworkPolicy", "V1NetworkPolicy",
            "PodDisruptionBudget", "V1PodDisruptionBudget", "StatefulSet", "V1StatefulSet", "CronJob", "V1CronJob");

    static List<Path> stacks() {
        return TestStacks.all();
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void everyObjectMatchesTheKubernetesSchema(Path stackFile) throws Exception {
        for (var manifest : Renderer.render(StackFile.load(stackFile), SecretValues.redacted())) {
            String kind = (String) manifest.get("kind");
            if (kind.equals("CephBlockPool") || kind.equals("PodMonitor") || kind.equals("PrometheusRule")
                    || kind.equals("ObjectBucketClaim")) {
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
