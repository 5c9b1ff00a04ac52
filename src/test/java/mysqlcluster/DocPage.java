package mysqlcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The documentation pages tests read, by what they hold: the one place that names each page's file. Moving a
 * section a test reads to another page means changing its entry here.
 */
public enum DocPage {
    /** The quick start and the test command. */
    README("README.md"),
    /** The configuration table (ConfigReferenceTest). */
    CONFIGURATION("docs/configuration.md"),
    /** The platform's namespace and Secret, and the stack set-up: blocks the end-to-end suite runs as written. */
    STACKS("docs/stacks.md"),
    /** The change-impact table (ChangeImpactTest, ChangeImpactIT). */
    CHANGES("docs/changes.md"),
    /** The GitHub environments table (WorkflowSecretsTest). */
    PULL_REQUESTS("docs/pull-requests.md");

    private final String file;

    DocPage(String file) {
        this.file = file;
    }

    /** The page's path relative to the repository root, as the docs link it. */
    public String file() {
        return file;
    }

    public Path path() {
        return TestStacks.ROOT.resolve(file);
    }

    public String text() {
        try {
            return Files.readString(path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> lines() {
        return text().lines().toList();
    }

    /**
     * A command block tests run as written: the indented code block after the line
     * {@code <!-- run by the end-to-end suite: NAME -->}, its lines without the four spaces that make them a block.
     */
    public List<String> block(String name) {
        String marker = "<!-- run by the end-to-end suite: " + name + " -->";
        List<String> lines = lines();
        int at = lines.indexOf(marker);
        if (at < 0) {
            throw new IllegalStateException(file + " has no line " + marker);
        }
        var block = new ArrayList<String>();
        int i = at + 1;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        for (; i < lines.size() && lines.get(i).startsWith("    "); i++) {
            block.add(lines.get(i).substring(4));
        }
        if (block.isEmpty()) {
            throw new IllegalStateException("no indented code block after " + marker + " in " + file);
        }
        return block;
    }
}
