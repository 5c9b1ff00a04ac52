package mysqlcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The README's commands that tests run as written: the indented code block after a line
 * {@code <!-- run by the end-to-end suite: NAME -->}.
 */
public final class ReadmeBlocks {
    private ReadmeBlocks() {
    }

    /** The block's lines, without the four spaces that make them a code block. */
    public static List<String> named(String name) {
        String marker = "<!-- run by the end-to-end suite: " + name + " -->";
        List<String> lines;
        try {
            lines = Files.readAllLines(TestStacks.ROOT.resolve("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int at = lines.indexOf(marker);
        if (at < 0) {
            throw new IllegalStateException("the README has no line " + marker);
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
            throw new IllegalStateException("no indented code block after " + marker + " in the README");
        }
        return block;
    }
}
