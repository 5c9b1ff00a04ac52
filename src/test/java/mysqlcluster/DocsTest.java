package mysqlcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md and docs/ keep to the rules of docs/testing.md ("How the docs are checked"): their relative links and
 * anchors resolve, the README links every page, every page opens with the question it answers, and every command
 * block is run by a test as written or marked illustrative. The checks are tested on small broken trees too.
 */
class DocsTest {
    static final Path ROOT = TestStacks.ROOT;
    static final Path TEST_SOURCES = ROOT.resolve("src/test/java");

    @Test
    void everyRelativeLinkAndAnchorResolves() {
        assertEquals(List.of(), DocChecks.brokenLinks(ROOT));
    }

    @Test
    void theReadmeLinksEveryPage() {
        assertTrue(DocChecks.pages(ROOT).size() > 1, "docs/ has pages");
        assertEquals(List.of(), DocChecks.unlinkedPages(ROOT));
    }

    @Test
    void everyPageOpensWithTheQuestionItAnswers() {
        assertEquals(List.of(), DocChecks.pagesWithoutTheirQuestion(ROOT));
    }

    @Test
    void everyCommandBlockIsRunByATestOrMarkedIllustrative() {
        assertEquals(List.of(), DocChecks.unmarkedCommands(ROOT, TEST_SOURCES));
    }

    @Test
    void theBlocksTestsRunAreWhereTheyReadThem() {
        var reads = DocChecks.blockReads(TEST_SOURCES);
        assertFalse(reads.isEmpty(), "the end-to-end suite reads blocks of the docs");
        reads.forEach((page, names) -> names.forEach(name -> assertFalse(DocPage.valueOf(page).block(name).isEmpty(),
                page + " " + name)));
    }

    @Test
    void theReadmeKeepsTheTestCommandCiRuns() {
        var page = DocChecks.Page.read(ROOT.resolve("README.md"));
        assertTrue(page.blocks().stream().anyMatch(b -> b.before().equals("<!-- run by CI: .ci/run -->")
                && b.lines().equals(List.of("mvn -B verify"))), "the README's quick start shows the test command");
    }

    // The checks themselves, on small trees

    @Test
    void slugsFollowGitHubsRules() {
        assertEquals("what-pulumi-up-does-when-a-key-changes", DocChecks.slug("What `pulumi up` does when a key changes"));
        assertEquals("storage-ceph-copies-vs-mysql-replicas", DocChecks.slug("Storage: Ceph copies vs MySQL replicas"));
        assertEquals("rpo-rto-and-what-is-not-covered", DocChecks.slug("RPO, RTO and what is not covered"));
        assertEquals("snake_case-and-émigré", DocChecks.slug("snake_case and Émigré!"));
        assertEquals("see-the-page", DocChecks.slug("See [the page](other.md)"));
    }

    @Test
    void aMissingAnchorIsNamedWithItsFileAndLink(@TempDir Path root) throws IOException {
        write(root, "README.md", "# R\n\nSee [the answer](docs/a.md#the-answer) and [b](docs/b.md).\n");
        write(root, "docs/a.md", "# A\n\nWhat?\n\n## An answer\n\n## An answer\n\n[back](../README.md#r)"
                + " [same](#an-answer-1) [missing](#an-answer-2)\n");
        assertEquals(List.of(
                "README.md:3: [the answer](docs/a.md#the-answer): no heading #the-answer in docs/a.md",
                "README.md:3: [b](docs/b.md): no file docs/b.md",
                "docs/a.md:9: [missing](#an-answer-2): no heading #an-answer-2 in docs/a.md"),
                DocChecks.brokenLinks(root));
    }

    @Test
    void linksInCodeAndToTheWebAreNotFollowed(@TempDir Path root) throws IOException {
        write(root, "README.md", """
                # R

                [web](https://example.com/x#y) `[in a span](nowhere.md)` [a link
                across lines](#r)

                    [indented code](nowhere.md)

                ```
                [fenced code](nowhere.md)
                ```

                - a list item

                    [still the list item's](#r)
                """);
        assertEquals(List.of(), DocChecks.brokenLinks(root));
        write(root, "README.md", "# R\n\n- item\n\n  text [broken](#nope)\n");
        assertEquals(List.of("README.md:5: [broken](#nope): no heading #nope in README.md"),
                DocChecks.brokenLinks(root));
    }

    @Test
    void aPageTheReadmeDoesNotLinkOrWithoutItsQuestionIsNamed(@TempDir Path root) throws IOException {
        write(root, "README.md", "# R\n\n[A](docs/a.md#a)\n");
        write(root, "docs/a.md", "# A\n\nWhat does A answer?\n");
        write(root, "docs/b.md", "# B\n\nB answers nothing.\n\nWhy?\n");
        assertEquals(List.of("README.md does not link docs/b.md"), DocChecks.unlinkedPages(root));
        assertEquals(List.of("docs/b.md: the paragraph after the title is not the question the page answers (it must"
                + " end with \"?\"): B answers nothing."), DocChecks.pagesWithoutTheirQuestion(root));
    }

    @Test
    void aCommandBlockNeedsAMarkerThatATestKeeps(@TempDir Path root) throws IOException {
        write(root, "ci.sh", "set -e\nmvn -B verify || status=$?\n");
        write(root, "src/test/java/SetupIT.java", "class SetupIT { String s = DocPage.STACKS.block(\"setup\"); }\n");
        write(root, "README.md", """
                # R

                    kubectl get pods

                <!-- illustrative -->

                    pulumi up --stack dev

                <!-- run by CI: ci.sh -->

                    mvn -B verify
                    mvn -B package

                <!-- run by the end-to-end suite: setup -->

                    pulumi stack init prod

                <!-- run by the end-to-end suite: gone -->

                    pulumi stack rm prod

                ```yaml
                mysql-cluster:cluster.replicas: 3
                ```

                    ERROR: replication cannot resume

                ```
                $ FOO=1 bash run.sh
                ```
                """);
        assertEquals(List.of(
                "README.md:3: the command block (kubectl get pods) has no marker: put <!-- illustrative -->, or the"
                        + " marker of the test that runs it, on the line before it (docs/testing.md)",
                "README.md:11: the command block (mvn -B verify) is marked as run by ci.sh, which does not run mvn -B"
                        + " package",
                "README.md:20: the command block (pulumi stack rm prod) is marked as run by the end-to-end suite as"
                        + " gone, but no test reads block(\"gone\")",
                "README.md:29: the command block ($ FOO=1 bash run.sh) has no marker: put <!-- illustrative -->, or"
                        + " the marker of the test that runs it, on the line before it (docs/testing.md)"),
                DocChecks.unmarkedCommands(root, root.resolve("src/test/java")));
        assertEquals(java.util.Map.of("STACKS", Set.of("setup")), DocChecks.blockReads(root.resolve("src/test/java")));
    }

    private static void write(Path root, String file, String text) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }
}
