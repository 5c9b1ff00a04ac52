package mysqlcluster.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mysqlcluster.TestStacks;
import mysqlcluster.settings.StackFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CephBlockPool against Rook's own CRD schema, which is not part of this repository: the file named by the
 * ROOK_CRD environment variable (.ci/run sets it when a reference copy is at hand; a workflow can download it from
 * Rook's release). Without it there is no case to run: the check is absent, not skipped.
 */
class RookCrdSchemaTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String VARIABLE = "ROOK_CRD";

    /** (stack file, CRD) for every stack, when the CRD is given. */
    static List<Arguments> stacks() {
        return crd().map(crd -> TestStacks.all().stream().map(stack -> Arguments.of(stack, crd)).toList())
                .orElse(List.of());
    }

    static List<JsonNode> crds() {
        return crd().map(List::of).orElse(List.of());
    }

    private static java.util.Optional<JsonNode> crd() {
        String path = System.getenv(VARIABLE);
        if (path == null || path.isBlank()) {
            return java.util.Optional.empty();
        }
        Path file = Path.of(path);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(VARIABLE + " names " + file + ", which is not a file");
        }
        try {
            return java.util.Optional.of(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(allowZeroInvocations = true)
    @MethodSource("stacks")
    void cephBlockPoolMatchesRooksCrdSchema(Path stackFile, JsonNode crd) {
        JsonNode version = crd.at("/spec/versions/0");
        assertEquals("v1", version.get("name").asText());
        JsonNode schema = version.at("/schema/openAPIV3Schema");
        int pools = 0;
        for (var manifest : Renderer.render(StackFile.load(stackFile), SecretValues.redacted())) {
            if (manifest.get("kind").equals("CephBlockPool")) {
                pools++;
                assertEquals(crd.at("/spec/group").asText() + "/v1", manifest.get("apiVersion"));
                var problems = new ArrayList<String>();
                OpenApiCheck.check(schema, JSON.valueToTree(manifest), "", problems);
                assertEquals(List.of(), problems);
            }
        }
        assertEquals(1, pools, "one CephBlockPool per stack");
    }

    @ParameterizedTest(allowZeroInvocations = true)
    @MethodSource("crds")
    void theCrdCheckItselfRejectsWhatTheApiServerWould(JsonNode crd) throws Exception {
        var problems = new ArrayList<String>();
        JsonNode schema = crd.at("/spec/versions/0/schema/openAPIV3Schema");
        OpenApiCheck.check(schema, JSON.readTree("""
                {"apiVersion":"ceph.rook.io/v1","kind":"CephBlockPool","metadata":{"name":"p"},
                 "spec":{"replicated":{"size":"three"},"failureDomian":"host","compressionMode":"zip"}}"""), "", problems);
        assertEquals(List.of(".spec.compressionMode: \"zip\" is not one of [\"none\",\"passive\",\"aggressive\",\"force\",\"\"]",
                ".spec.failureDomian: unknown field", ".spec.replicated.size: expected integer"), problems);
    }
}
