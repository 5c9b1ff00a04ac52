package mysqlcluster.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code diff BEFORE AFTER}: prints, as Markdown for a pull-request comment, how two renders differ ({@link RenderDiff}).
 * Each side is a YAML stream {@code render} printed or a directory {@code render --out} wrote. Errors go to stderr
 * with exit code 2 and nothing on stdout.
 */
public final class DiffCommand {
    public static final String USAGE = "usage: java -jar target/mysql-cluster.jar diff BEFORE AFTER"
            + "  (each a YAML stream `render` printed, or a directory `render --out` wrote)";

    private DiffCommand() {
    }

    /** Runs the command; returns the process exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            for (String arg : args) {
                if (arg.startsWith("--")) {
                    throw new IllegalArgumentException("unknown argument \"" + arg + "\"\n" + USAGE);
                }
            }
            if (args.size() != 2) {
                throw new IllegalArgumentException("expected two arguments, BEFORE and AFTER, got " + args.size()
                        + "\n" + USAGE);
            }
            String markdown = RenderDiff.markdown(load(Path.of(args.get(0))), load(Path.of(args.get(1))));
            out.print(markdown);
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("diff: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("diff: failed: " + e);
            return 1;
        }
    }

    /** The objects of one side: a YAML stream file, or every *.yaml / *.yml file of a directory in name order. */
    static List<Map<String, Object>> load(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(path + " does not exist");
        }
        var manifests = new ArrayList<Map<String, Object>>();
        for (Path file : Files.isDirectory(path) ? yamlFiles(path) : List.of(path)) {
            manifests.addAll(read(file));
        }
        if (manifests.isEmpty()) {
            throw new IllegalArgumentException(path + " holds no Kubernetes objects");
        }
        try {
            RenderDiff.index(manifests);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
        return manifests;
    }

    private static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().matches(".+\\.ya?ml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + dir + ": " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> read(Path file) {
        var manifests = new ArrayList<Map<String, Object>>();
        try (MappingIterator<Object> docs = RenderCommand.YAML.readerFor(Object.class).readValues(file.toFile())) {
            int number = 0;
            while (docs.hasNextValue()) {
                Object doc = docs.nextValue();
                number++;
                if (doc == null) {
                    continue; // an empty document, e.g. after a final ---
                }
                try {
                    ObjectKey.of(doc instanceof Map<?, ?> ? (Map<String, Object>) doc : Map.of());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ": document " + number + " is " + e.getMessage(), e);
                }
                manifests.add((Map<String, Object>) doc);
            }
        } catch (JsonProcessingException e) {
            // the parser's message spans lines (an excerpt, a caret); the error is one line
            String problem = e.getOriginalMessage().lines()
                    .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                    .collect(Collectors.joining("; "));
            throw new IllegalArgumentException(file + " is not valid YAML: " + problem
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        return manifests;
    }
}
