package mysqlcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rules docs/testing.md gives for README.md and the pages in docs/, over a repository root: relative links and
 * anchors resolve, the README links every page, each page opens with its question, and every command block is run
 * by a test or marked illustrative. Each check returns its problems, one line each, naming the file and line.
 */
final class DocChecks {
    /** The words a command block starts with (after an optional "$ " and NAME=value assignments). */
    static final Set<String> COMMAND_WORDS = Set.of("mvn", "java", "pulumi", "kubectl", "bash", "sh", "export",
            "rclone", "flock", "git", "curl", "mysql", "mariadb", "grep", "docker", "helm", "sudo", "cd", "npm", "go",
            "make", "cp", "rm", "cat", "apt-get", "openssl", "promtool");
    static final String ILLUSTRATIVE = "<!-- illustrative -->";
    static final Pattern RUN_BY_SUITE = Pattern.compile("<!-- run by the end-to-end suite: (\\S+) -->");
    static final Pattern RUN_BY_CI = Pattern.compile("<!-- run by CI: (\\S+) -->");

    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*([-*+]|\\d+[.)])\\s");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})(?:\\s+(.*?))?\\s*$");
    private static final Pattern LINK = Pattern.compile("\\[([^\\[\\]]*)]\\(([^()\\s]*)\\)");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=\\S*");

    private DocChecks() {
    }

    /** A code block: the line its content starts on (1-based), its lines, and the nearest non-blank line before it. */
    record Block(int line, List<String> lines, String before) {
        String firstLine() {
            return lines.stream().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        }
    }

    /** A Markdown file read for the checks: its lines, which of them are code, and its code blocks. */
    record Page(Path file, List<String> lines, boolean[] code, List<Block> blocks) {
        static Page read(Path file) {
            try {
                return parse(file, Files.readAllLines(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** README.md and every docs/*.md under the root, README first. */
    static List<Path> pages(Path root) {
        var pages = new ArrayList<Path>();
        pages.add(root.resolve("README.md"));
        Path docs = root.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> files = Files.list(docs)) {
                files.filter(f -> f.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pages;
    }

    static Page parse(Path file, List<String> lines) {
        boolean[] code = new boolean[lines.size()];
        var blocks = new ArrayList<Block>();
        String fence = null;
        int fenceIndent = 0;
        List<String> current = null;
        int start = 0;
        String before = "";
        boolean listContext = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (fence != null) {
                code[i] = true;
                String stripped = line.strip();
                char mark = fence.charAt(0);
                if (stripped.startsWith(fence) && stripped.chars().allMatch(c -> c == mark)) {
                    blocks.add(new Block(start + 1, current, before));
                    fence = null;
                    current = null;
                } else {
                    current.add(line.length() >= fenceIndent && line.substring(0, fenceIndent).isBlank()
                            ? line.substring(fenceIndent) : line.strip());
                }
                continue;
            }
            boolean indented = line.startsWith("    ") || line.startsWith("\t");
            if (current != null) {
                if (line.isBlank() || indented) {
                    code[i] = true;
                    current.add(line.isBlank() ? "" : line.substring(line.startsWith("\t") ? 1 : 4));
                    continue;
                }
                blocks.add(new Block(start + 1, trimTrailingBlanks(current), before));
                current = null;
            }
            String marks = line.stripLeading();
            boolean shallow = line.length() - marks.length() <= 3;
            if ((marks.startsWith("```") || marks.startsWith("~~~")) && (shallow || listContext)) {
                int n = 0;
                while (n < marks.length() && marks.charAt(n) == marks.charAt(0)) {
                    n++;
                }
                fence = marks.substring(0, n);
                fenceIndent = line.length() - marks.length();
                code[i] = true;
                current = new ArrayList<>();
                start = i + 1;
                before = previousNonBlank(lines, i);
                continue;
            }
            if (indented && !line.isBlank() && (i == 0 || lines.get(i - 1).isBlank()) && !listContext) {
                code[i] = true;
                current = new ArrayList<>();
                current.add(line.substring(line.startsWith("\t") ? 1 : 4));
                start = i;
                before = previousNonBlank(lines, i);
                continue;
            }
            if (!line.isBlank()) {
                // a list item, or a line indented within one, keeps its indented paragraphs out of code
                listContext = LIST_ITEM.matcher(line).find() || (Character.isWhitespace(line.charAt(0)) && listContext);
            }
        }
        if (current != null) {
            blocks.add(new Block(start + 1, trimTrailingBlanks(current), before));
        }
        return new Page(file, lines, code, blocks);
    }

    private static List<String> trimTrailingBlanks(List<String> lines) {
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isBlank()) {
            end--;
        }
        return new ArrayList<>(lines.subList(0, end));
    }

    private static String previousNonBlank(List<String> lines, int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (!lines.get(j).isBlank()) {
                return lines.get(j).strip();
            }
        }
        return "";
    }

    /** GitHub's anchor for a heading's text. */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
        var out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                out.appendCodePoint(c);
            } else if (c == ' ') {
                out.append('-');
            }
        });
        return out.toString();
    }

    /** The anchors of a page's headings, duplicates numbered as GitHub numbers them. */
    static Set<String> anchors(Page page) {
        var anchors = new LinkedHashSet<String>();
        var seen = new HashMap<String, Integer>();
        for (int i = 0; i < page.lines().size(); i++) {
            Matcher m = HEADING.matcher(page.lines().get(i));
            if (page.code()[i] || !m.matches() || m.group(2) == null) {
                continue;
            }
            String base = slug(m.group(2).replaceAll("\\s+#+$", ""));
            int n = seen.merge(base, 1, Integer::sum) - 1;
            anchors.add(n == 0 ? base : base + "-" + n);
        }
        return anchors;
    }

    /** A link outside code: the line it starts on and its target. */
    record Link(int line, String text, String target) {
    }

    static List<Link> links(Page page) {
        var prose = new StringBuilder();
        for (int i = 0; i < page.lines().size(); i++) {
            prose.append(page.code()[i] ? "" : page.lines().get(i)).append('\n');
        }
        // code spans keep their length and line breaks, so that what is left still counts lines
        Matcher spans = CODE_SPAN.matcher(prose);
        var text = new StringBuilder(prose);
        while (spans.find()) {
            for (int k = spans.start(); k < spans.end(); k++) {
                if (text.charAt(k) != '\n') {
                    text.setCharAt(k, ' ');
                }
            }
        }
        var links = new ArrayList<Link>();
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
            String source = prose.substring(m.start(), m.end());
            links.add(new Link(line, source.substring(1, source.lastIndexOf("](")).replace('\n', ' '), m.group(2)));
        }
        return links;
    }

    private static String where(Path root, Page page, int line) {
        return root.relativize(page.file()).toString().replace('\\', '/') + ":" + line;
    }

    /** Every relative link and anchor of README.md and docs/*.md that does not resolve. */
    static List<String> brokenLinks(Path root) {
        var problems = new ArrayList<String>();
        var parsed = new HashMap<Path, Page>();
        for (Path file : pages(root)) {
            Page page = parsed.computeIfAbsent(file.normalize(), Page::read);
            for (Link link : links(page)) {
                String target = link.target();
                if (SCHEME.matcher(target).find()) {
                    continue;
                }
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                String shown = "[" + link.text() + "](" + target + ")";
                if (!Files.exists(resolved)) {
                    problems.add(where(root, page, link.line()) + ": " + shown + ": no file "
                            + root.relativize(resolved).toString().replace('\\', '/'));
                    continue;
                }
                if (anchor == null) {
                    continue;
                }
                if (!resolved.toString().endsWith(".md") || Files.isDirectory(resolved)) {
                    problems.add(where(root, page, link.line()) + ": " + shown + ": an anchor into a file that is not"
                            + " Markdown");
                    continue;
                }
                Page targetPage = parsed.computeIfAbsent(resolved, Page::read);
                if (!anchors(targetPage).contains(anchor)) {
                    problems.add(where(root, page, link.line()) + ": " + shown + ": no heading #" + anchor + " in "
                            + root.relativize(resolved).toString().replace('\\', '/'));
                }
            }
        }
        return problems;
    }

    /** The pages of docs/ the README does not link to. */
    static List<String> unlinkedPages(Path root) {
        Path readme = root.resolve("README.md");
        Page page = Page.read(readme);
        var linked = new LinkedHashSet<Path>();
        for (Link link : links(page)) {
            String target = link.target().replaceAll("#.*", "");
            if (!target.isEmpty() && !SCHEME.matcher(target).find()) {
                linked.add(root.resolve(target).normalize());
            }
        }
        var problems = new ArrayList<String>();
        for (Path doc : pages(root).subList(1, pages(root).size())) {
            if (!linked.contains(doc.normalize())) {
                problems.add("README.md does not link " + root.relativize(doc).toString().replace('\\', '/'));
            }
        }
        return problems;
    }

    /** The pages of docs/ whose first paragraph after their title is not a question. */
    static List<String> pagesWithoutTheirQuestion(Path root) {
        var problems = new ArrayList<String>();
        for (Path doc : pages(root).subList(1, pages(root).size())) {
            List<String> lines = Page.read(doc).lines();
            int i = 0;
            while (i < lines.size() && lines.get(i).isBlank()) {
                i++;
            }
            String name = root.relativize(doc).toString().replace('\\', '/');
            if (i >= lines.size() || !lines.get(i).startsWith("# ")) {
                problems.add(name + ": does not start with its title (# ...)");
                continue;
            }
            i++;
            while (i < lines.size() && lines.get(i).isBlank()) {
                i++;
            }
            var paragraph = new StringBuilder();
            for (; i < lines.size() && !lines.get(i).isBlank(); i++) {
                paragraph.append(' ').append(lines.get(i).strip());
            }
            if (!paragraph.toString().strip().endsWith("?")) {
                problems.add(name + ": the paragraph after the title is not the question the page answers (it must"
                        + " end with \"?\"): " + paragraph.toString().strip());
            }
        }
        return problems;
    }

    /** Whether a code block shows a command: its first line starts with a command word. */
    static boolean isCommand(Block block) {
        String first = block.firstLine();
        if (first.startsWith("$ ")) {
            first = first.substring(2).strip();
        }
        for (String word : first.split("\\s+")) {
            if (!ASSIGNMENT.matcher(word).matches()) {
                return COMMAND_WORDS.contains(word);
            }
        }
        return false;
    }

    /**
     * Every command block of README.md and docs/*.md that is neither run by a test as written nor marked
     * illustrative. The test sources are searched for the name of an end-to-end marker (as {@code block("NAME")}),
     * leaving out the checks' own files.
     */
    static List<String> unmarkedCommands(Path root, Path testSources) {
        String sources = sourcesOtherThanTheChecks(testSources);
        var problems = new ArrayList<String>();
        for (Path file : pages(root)) {
            Page page = Page.read(file);
            for (Block block : page.blocks()) {
                if (!isCommand(block)) {
                    continue;
                }
                String at = where(root, page, block.line()) + ": the command block (" + block.firstLine() + ")";
                Matcher suite = RUN_BY_SUITE.matcher(block.before());
                Matcher ci = RUN_BY_CI.matcher(block.before());
                if (block.before().equals(ILLUSTRATIVE)) {
                    continue;
                }
                if (suite.matches()) {
                    if (!sources.contains("block(\"" + suite.group(1) + "\")")) {
                        problems.add(at + " is marked as run by the end-to-end suite as " + suite.group(1)
                                + ", but no test reads block(\"" + suite.group(1) + "\")");
                    }
                } else if (ci.matches()) {
                    problems.addAll(notRunBy(root, ci.group(1), block, at));
                } else {
                    problems.add(at + " has no marker: put " + ILLUSTRATIVE + ", or the marker of the test that"
                            + " runs it, on the line before it (docs/testing.md)");
                }
            }
        }
        return problems;
    }

    private static List<String> notRunBy(Path root, String file, Block block, String at) {
        Path script = root.resolve(file).normalize();
        if (!Files.isRegularFile(script)) {
            return List.of(at + " is marked as run by " + file + ", which does not exist");
        }
        List<String> commands;
        try {
            commands = Files.readAllLines(script).stream().map(String::strip).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var problems = new ArrayList<String>();
        for (String line : block.lines()) {
            String command = line.strip();
            if (command.isEmpty()) {
                continue;
            }
            boolean runs = commands.stream().anyMatch(c -> c.equals(command) || c.startsWith(command + " ")
                    || c.endsWith(" " + command));
            if (!runs) {
                problems.add(at + " is marked as run by " + file + ", which does not run " + command);
            }
        }
        return problems;
    }

    private static String sourcesOtherThanTheChecks(Path testSources) {
        if (!Files.isDirectory(testSources)) {
            return "";
        }
        var text = new StringBuilder();
        try (Stream<Path> files = Files.walk(testSources)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String name = f.getFileName().toString();
                if (!name.equals("DocChecks.java") && !name.equals("DocsTest.java")) {
                    text.append(Files.readString(f)).append('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** The calls {@code DocPage.NAME.block("BLOCK")} in the test sources: page name to block names. */
    static Map<String, Set<String>> blockReads(Path testSources) {
        var reads = new HashMap<String, Set<String>>();
        Matcher m = Pattern.compile("DocPage\\.([A-Z_]+)\\.block\\(\"([^\"]+)\"\\)")
                .matcher(sourcesOtherThanTheChecks(testSources));
        while (m.find()) {
            reads.computeIfAbsent(m.group(1), k -> new LinkedHashSet<>()).add(m.group(2));
        }
        return reads;
    }
}
