package mysqlcluster.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mysqlcluster.DocPage;
import org.junit.jupiter.api.Test;

/**
 * The workflows keep every credential in the GitHub environment "Who can reach what" (docs/pull-requests.md)
 * assigns it to: each job's secrets are its environment's, a job a pull request reaches uses only environments open
 * to every branch and runs only previews there, and no job reads a secret without an environment or passes them all
 * on.
 */
class WorkflowSecretsTest {
    static final String START = "<!-- environments: WorkflowSecretsTest checks the workflows against this table -->";
    static final String END = "<!-- environments: end -->";

    static final String CALLER = """
            on:
              push:
                branches: [main]
              pull_request:
            jobs:
              preview:
                if: github.event_name == 'pull_request'
                uses: ./.github/workflows/preview.yml
                secrets: inherit
              deploy:
                if: github.event_name == 'push' && github.ref == 'refs/heads/main'
                uses: ./.github/workflows/deploy.yml
            """;

    static final Map<String, WorkflowSecrets.Environment> TABLE = Map.of(
            "preview-prod", new WorkflowSecrets.Environment("preview-prod", true, Set.of("KUBECONFIG")),
            "prod", new WorkflowSecrets.Environment("prod", false, Set.of("KUBECONFIG", "PULUMI_CONFIG_PASSPHRASE")));

    @Test
    void theWorkflowsKeepToTheDocumentedEnvironments() {
        var table = WorkflowSecrets.documentedTable(DocPage.PULL_REQUESTS.text(), START, END);
        assertEquals(Set.of("preview-dev", "preview-staging", "preview-prod", "dev", "staging", "prod"), table.keySet());
        assertTrue(table.get("preview-prod").allBranches() && !table.get("prod").allBranches(), table.toString());
        assertEquals(Set.of("KUBECONFIG", "PULUMI_CONFIG_PASSPHRASE", "PULUMI_ACCESS_TOKEN", "AWS_ACCESS_KEY_ID",
                "AWS_SECRET_ACCESS_KEY"), table.get("prod").secrets());
        var workflows = new LinkedHashMap<String, String>();
        for (Path file : Workflows.workflows()) {
            workflows.put(file.getFileName().toString(), Workflows.read(file));
        }
        assertEquals(List.of(), WorkflowSecrets.problems(workflows, table));
    }

    @Test
    void aPreviewHandedEveryStacksKubeconfigAsBeforeIsReported() {
        // preview.yml as it was: the kubeconfig by a computed name from secrets the caller passed on, no environment
        var problems = WorkflowSecrets.problems(Map.of("ci.yml", CALLER, "preview.yml", """
                on:
                  workflow_call:
                jobs:
                  preview:
                    strategy:
                      matrix:
                        stack: [prod]
                    steps:
                      - uses: ./.github/actions/pulumi-setup
                        with:
                          kubeconfig: ${{ secrets[format('KUBECONFIG_{0}', matrix.stack)] }}
                      - uses: pulumi/actions@v7
                        with:
                          command: preview
                """, "deploy.yml", deploy("prod")), TABLE);
        assertEquals(List.of("ci.yml job preview passes every repository secret on (secrets: inherit)",
                "preview.yml job preview reads a secret by a computed name (secrets[...]): name it",
                "preview.yml job preview reads [] without an environment",
                "the environments table lists environments no job uses: [preview-prod]"), problems);
    }

    @Test
    void aPullRequestJobNamingProdOrDeployingIsReported() {
        var problems = WorkflowSecrets.problems(Map.of("ci.yml", CALLER.replace("    secrets: inherit\n", ""),
                "preview.yml", """
                on:
                  workflow_call:
                jobs:
                  preview:
                    environment: prod
                    steps:
                      - run: echo "${{ secrets.KUBECONFIG }}"
                  sneaky:
                    environment: preview-${{ matrix.stack }}
                    strategy:
                      matrix:
                        stack: [prod]
                    steps:
                      - uses: pulumi/actions@v7
                        with:
                          command: up
                """, "deploy.yml", deploy("prod")), TABLE);
        assertEquals(List.of("preview.yml job preview runs for pull requests but uses prod, which only main may use",
                "preview.yml job sneaky runs pulumi [up] with preview-prod, which any branch may use: only previews"
                        + " run there"), problems);
    }

    @Test
    void aSecretOutsideItsEnvironmentOrTheTableIsReported() {
        var problems = WorkflowSecrets.problems(Map.of("ci.yml", CALLER.replace("    secrets: inherit\n", ""),
                "preview.yml", """
                on:
                  workflow_call:
                env:
                  TOKEN: ${{ secrets.PULUMI_ACCESS_TOKEN }}
                jobs:
                  preview:
                    environment: preview-prod
                    steps:
                      - run: echo "${{ secrets.KUBECONFIG }} ${{ secrets.PULUMI_CONFIG_PASSPHRASE }}"
                  other:
                    environment: qa
                    steps:
                      - run: echo "${{ secrets.GITHUB_TOKEN }}"
                """, "deploy.yml", deploy("prod")), TABLE);
        assertEquals(List.of("preview.yml: its env reads secrets, which every job gets, with or without an environment",
                "preview.yml job preview reads [PULUMI_CONFIG_PASSPHRASE], which the table's preview-prod does not"
                        + " hold",
                "preview.yml job other uses the environment qa, which the environments table lacks"), problems);
    }

    private static String deploy(String environment) {
        return """
                on:
                  workflow_call:
                jobs:
                  up:
                    environment: %s
                    steps:
                      - run: echo "${{ secrets.KUBECONFIG }}"
                      - uses: pulumi/actions@v7
                        with:
                          command: up
                """.formatted(environment);
    }
}
