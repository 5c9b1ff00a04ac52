package mysqlcluster.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mysqlcluster.TestStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RenderCommandTest {
    record Result(int code, String out, String err) { }

    static Result render(Path root, Map<String, String> env, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = RenderCommand.run(List.of(args), root, env::get, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static List<JsonNode> documents(String yaml) throws Exception {
        var docs = new ArrayList<JsonNode>();
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            it.forEachRemaining(docs::add);
        }
        return docs;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void printsOneDocumentPerDeclaredObjectWithIntegerPorts(String stack) throws Exception {
        var result = render(TestStacks.ROOT, Map.of(), "--stack", stack);
        assertEquals(0, result.code(), result.err());
        List<JsonNode> docs = documents(result.out());
        assertEquals(withoutSecrets(TestStacks.run(stack).manifests()).size(), docs.size());
        for (JsonNode doc : docs) {
            assertTrue(doc.has("apiVersion") && doc.has("kind") && doc.at("/metadata/name").isTextual(), doc.toString());
            if (doc.get("kind").asText().equals("Service")) {
                assertTrue(doc.at("/spec/ports/0/port").isInt(), "port is an integer: " + doc.at("/spec/ports/0/port"));
            }
        }
        assertFalse(result.out().contains("3306.0"));
        assertTrue(result.out().contains("port: 3306\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void yamlReadsBackAsExactlyTheDeclaredObjectsAndIsStable(String stack) throws Exception {
        var first = render(TestStacks.ROOT, Map.of(), "--stack", stack);
        List<JsonNode> docs = documents(first.out());
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var expected = withoutSecrets(Renderer.render(TestStacks.settings(stack), SecretValues.redacted()));
        for (int i = 0; i < expected.size(); i++) {
            // types survive the text: "2" stays a string, 3306 an integer, true a boolean
            assertEquals(mapper.valueToTree(expected.get(i)).toString(), docs.get(i).toString());
        }
        assertEquals(first.out(), render(TestStacks.ROOT, Map.of(), "--stack", stack).out(), "same stack, same text");
    }

    private static List<Map<String, Object>> withoutSecrets(List<Map<String, Object>> manifests) {
        return manifests.stream().filter(m -> !"Secret".equals(m.get("kind"))).toList();
    }

    @Test
    void withoutShowSecretsTheSecretIsLeftOutAndSaidSo() throws Exception {
        var result = render(TestStacks.ROOT, Map.of(), "--stack", "dev");
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().startsWith("# Secret mysql-credentials left out: its passwords are printed only with"
                + " --show-secrets (values from MYSQL_CLUSTER_ROOT_PASSWORD, MYSQL_CLUSTER_REPLICATION_PASSWORD,"
                + " MYSQL_CLUSTER_BACKUP_PASSWORD, MYSQL_CLUSTER_APP_PASSWORD, MYSQL_CLUSTER_EXPORTER_PASSWORD)\n"), result.out());
        assertTrue(documents(result.out()).stream().noneMatch(d -> d.get("kind").asText().equals("Secret")));
        assertFalse(result.out().contains(SecretValues.REDACTED), "no placeholder password anywhere");
        assertTrue(documents(result.out()).stream().anyMatch(d -> d.toString().contains("mysql-credentials")),
                "the pods still refer to the Secret by name");
    }

    @Test
    void theLeftOutNoteNamesOnlyThePasswordsTheStackNeeds(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("stacks"));
        Files.writeString(root.resolve("stacks/Pulumi.noapp.yaml"), """
                config:
                  mysql-cluster:rootPassword: {secure: v1:a:b}
                  mysql-cluster:replicationPassword: {secure: v1:a:b}
                  mysql-cluster:backupPassword: {secure: v1:a:b}
                  mysql-cluster:monitoring: {exporter: false}
                """);
        var result = render(root, Map.of(), "--stack", "noapp");
        assertEquals(0, result.code(), result.err());
        assertEquals("# Secret mysql-credentials left out: its passwords are printed only with --show-secrets (values"
                + " from MYSQL_CLUSTER_ROOT_PASSWORD, MYSQL_CLUSTER_REPLICATION_PASSWORD, MYSQL_CLUSTER_BACKUP_PASSWORD)",
                result.out().lines().findFirst().orElseThrow(), "no app user, no exporter: neither password to ask for");
    }

    @Test
    void withoutShowSecretsOutLeavesTheSecretFileOutAndSaysSoOnStderr(@TempDir Path out) throws Exception {
        var result = render(TestStacks.ROOT, Map.of(), "--stack", "dev", "--out", out.toString());
        assertEquals(0, result.code(), result.err());
        assertTrue(result.err().contains("render: Secret mysql-credentials left out"), result.err());
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().contains("-secret-")));
        }
    }

    @Test
    void showSecretsPrintsTheSecretWithValuesFromTheEnvironment() throws Exception {
        var env = Map.of("MYSQL_CLUSTER_ROOT_PASSWORD", "r00t", "MYSQL_CLUSTER_REPLICATION_PASSWORD", "repl",
                "MYSQL_CLUSTER_BACKUP_PASSWORD", "bkp", "MYSQL_CLUSTER_APP_PASSWORD", "app",
                "MYSQL_CLUSTER_EXPORTER_PASSWORD", "exp");
        var shown = render(TestStacks.ROOT, env, "--stack", "dev", "--show-secrets");
        assertEquals(0, shown.code(), shown.err());
        JsonNode shownSecret = documents(shown.out()).stream()
                .filter(d -> d.get("kind").asText().equals("Secret")).findFirst().orElseThrow();
        assertEquals("r00t", shownSecret.at("/stringData/root-password").asText());
        assertEquals("repl", shownSecret.at("/stringData/replication-password").asText());
        assertEquals("bkp", shownSecret.at("/stringData/backup-password").asText());
        assertEquals("app", shownSecret.at("/stringData/app-password").asText());
        assertEquals("exp", shownSecret.at("/stringData/exporter-password").asText());
    }

    @Test
    void showSecretsWithoutTheValuesNamesTheMissingVariables() {
        var result = render(TestStacks.ROOT, Map.of("MYSQL_CLUSTER_ROOT_PASSWORD", "r"), "--stack", "dev", "--show-secrets");
        assertEquals(2, result.code());
        assertEquals("", result.out());
        assertEquals("render: --show-secrets needs the passwords in the environment; set "
                + "MYSQL_CLUSTER_REPLICATION_PASSWORD, MYSQL_CLUSTER_BACKUP_PASSWORD, MYSQL_CLUSTER_APP_PASSWORD, "
                + "MYSQL_CLUSTER_EXPORTER_PASSWORD\n",
                result.err());
    }

    @Test
    void unknownStackIsAnErrorWithNothingOnStdout() {
        var result = render(TestStacks.ROOT, Map.of(), "--stack", "qa");
        assertEquals(2, result.code());
        assertEquals("", result.out());
        assertTrue(result.err().startsWith("render: no stack \"qa\": "), result.err());
        assertTrue(result.err().contains("stacks/Pulumi.qa.yaml does not exist"), result.err());
    }

    @Test
    void usageErrorsAreExplained() {
        var missing = render(TestStacks.ROOT, Map.of());
        assertEquals(2, missing.code());
        assertEquals("render: --stack is required\n" + RenderCommand.USAGE + "\n", missing.err());
        var unknown = render(TestStacks.ROOT, Map.of(), "--stack", "dev", "--colour");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("render: unknown argument \"--colour\""));
        var noValue = render(TestStacks.ROOT, Map.of(), "--stack", "dev", "--out");
        assertEquals(2, noValue.code());
        assertEquals("render: --out needs a value\n" + RenderCommand.USAGE + "\n", noValue.err());
        assertEquals("", noValue.out());
        var badName = render(TestStacks.ROOT, Map.of(), "--stack", "../etc");
        assertEquals("render: invalid stack name \"../etc\"; use lower-case letters, digits, '.', '_' or '-'\n", badName.err());
    }

    @Test
    void invalidConfigIsReportedWithEveryProblemAndNothingOnStdout(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("stacks"));
        Files.writeString(root.resolve("stacks/Pulumi.broken.yaml"), """
                config:
                  mysql-cluster:cluster: {replicas: 0}
                  mysql-cluster:storage: {volumeSize: 40Gb}
                  mysql-cluster:credentials: {existingSecret: creds}
                """);
        var result = render(root, Map.of(), "--stack", "broken");
        assertEquals(2, result.code());
        assertEquals("", result.out());
        assertEquals("""
                render: Invalid stack configuration (2 problems):
                  - mysql-cluster:cluster.replicas: 0 is out of range; use an integer from 1 to 9
                  - mysql-cluster:storage.volumeSize: "40Gb" is not a Kubernetes quantity; use e.g. 40Gi
                """, result.err());
    }

    @Test
    void outWritesOneFilePerObject(@TempDir Path out) throws Exception {
        var result = render(TestStacks.ROOT, Map.of(), "--stack", "prod", "--out", out.toString());
        assertEquals(0, result.code(), result.err());
        assertEquals("", result.out());
        try (var files = Files.list(out)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(TestStacks.run("prod").manifests().size(), names.size());
            assertTrue(names.get(0).startsWith("01-cephblockpool-"), names.toString() + ": prod's namespace is the platform's");
            assertTrue(names.get(names.size() - 1).endsWith("-prometheusrule-mysql.yaml"), names.toString());
            assertTrue(names.get(names.size() - 3).endsWith("-cronjob-mysql-backup.yaml"), names.toString());
            assertTrue(names.get(names.size() - 4).endsWith("-statefulset-mysql.yaml"), names.toString());
            assertTrue(names.get(3).endsWith("-objectbucketclaim-mysql-backup.yaml"), names.toString()
                    + ": the bucket is claimed before the pods that use it");
        }
    }
}
