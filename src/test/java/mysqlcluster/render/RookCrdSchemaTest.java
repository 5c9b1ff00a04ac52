package mysqlcluster.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mysqlcluster.TestStacks;
import mysqlcluster.engine.EngineTools;
import mysqlcluster.objectbucket.ObjectBucketClaim;
import mysqlcluster.settings.StackFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CephBlockPool against Rook's own CRD schema: Rook's release file of every CRD, deploy/examples/crds.yaml, from
 * the Go module proxy's copy of Rook at the version engine/upstream.conf pins (engine/upstream.sh; not part of this
 * repository), of which the document named cephblockpools.ceph.rook.io is taken. The end-to-end suite installs the
 * same file into its API server.
 */
class RookCrdSchemaTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final YAMLMapper YAML = new YAMLMapper();
    static final String CRD_NAME = "cephblockpools.ceph.rook.io";

    /** (stack file, CRD) for every stack. */
    static List<Arguments> stacks() {
        JsonNode crd = crd();
        return TestStacks.all().stream().map(stack -> Arguments.of(stack, crd)).toList();
    }

    static List<JsonNode> crds() {
        return List.of(crd());
    }

    private static JsonNode crd() {
        try {
            return read(EngineTools.upstream("rook-crds").get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CephBlockPool CRD of a file: a JSON object is the CRD itself, anything else a YAML stream to pick it from. */
    static JsonNode read(Path file) throws IOException {
        String text = Files.readString(file);
        return text.stripLeading().startsWith("{") ? JSON.readTree(text) : select(text, file.toString());
    }

    /** The document named cephblockpools.ceph.rook.io of a YAML stream of CRDs (empty documents are passed over). */
    static JsonNode select(String yaml, String source) throws IOException {
        return select(yaml, source, CRD_NAME);
    }

    /** The document named NAME of a YAML stream of CRDs. */
    static JsonNode select(String yaml, String source, String crdName) throws IOException {
        var names = new ArrayList<String>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                String name = document == null ? "" : document.at("/metadata/name").asText();
                if (name.equals(crdName)) {
                    return document;
                }
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        throw new IllegalStateException(source + " has no CRD named " + crdName + ", only " + names);
    }

    @ParameterizedTest
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

    /** The claim of the backups' bucket against the ObjectBucketClaim CRD of the same file, on the stacks with one. */
    @org.junit.jupiter.api.Test
    void objectBucketClaimMatchesItsCrdSchema() throws IOException {
        Path file = EngineTools.upstream("rook-crds").get(0);
        JsonNode crd = select(Files.readString(file), file.toString(), ObjectBucketClaim.CRD);
        JsonNode version = crd.at("/spec/versions/0");
        assertEquals(crd.at("/spec/group").asText() + "/" + version.get("name").asText(), ObjectBucketClaim.API_VERSION);
        int claims = 0;
        for (Path stackFile : TestStacks.all()) {
            for (var manifest : Renderer.render(StackFile.load(stackFile), SecretValues.redacted())) {
                if (manifest.get("kind").equals(ObjectBucketClaim.KIND)) {
                    claims++;
                    // the CRD's schema leaves apiVersion, kind and metadata to the API server: its spec is checked
                    var problems = new ArrayList<String>();
                    OpenApiCheck.check(version.at("/schema/openAPIV3Schema/properties/spec"),
                            JSON.valueToTree(manifest.get("spec")), ".spec", problems);
                    assertEquals(List.of(), problems, stackFile.toString());
                }
            }
        }
        assertEquals(1, claims, "prod claims its bucket");
    }

    @ParameterizedTest
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

    /** Made-up CRDs shaped like Rook's crds.yaml: empty documents first, then a neighbour with a similar name. */
    static final String TWO_CRDS = """
            # CRDs, one document each
            ---
            ---
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: cephblockpoolradosnamespaces.ceph.rook.io
            spec:
              group: ceph.rook.io
              names: {kind: CephBlockPoolRadosNamespace}
            ---
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: cephblockpools.ceph.rook.io
            spec:
              group: ceph.rook.io
              names: {kind: CephBlockPool}
            """;

    @Test
    void aYamlStreamOfCrdsGivesTheCephBlockPoolOne(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("crds.yaml"), TWO_CRDS);
        assertEquals("CephBlockPool", read(file).at("/spec/names/kind").asText());
    }

    @Test
    void aYamlStreamWithoutItSaysWhatItHas() {
        String other = TWO_CRDS.substring(0, TWO_CRDS.lastIndexOf("---"));
        var e = assertThrows(IllegalStateException.class, () -> select(other, "crds.yaml"));
        assertEquals("crds.yaml has no CRD named cephblockpools.ceph.rook.io, only "
                + "[cephblockpoolradosnamespaces.ceph.rook.io]", e.getMessage());
    }

    @Test
    void aJsonCrdIsTakenAsItIs(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("cephblockpools-crd.json"),
                "{\"metadata\": {\"name\": \"cephblockpools.ceph.rook.io\"}, \"spec\": {\"group\": \"ceph.rook.io\"}}");
        assertEquals("ceph.rook.io", read(file).at("/spec/group").asText());
    }
}
