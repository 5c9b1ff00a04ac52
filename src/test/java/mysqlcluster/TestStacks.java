package mysqlcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mysqlcluster.render.MockRun;
import mysqlcluster.render.SecretValues;
import mysqlcluster.settings.Settings;
import mysqlcluster.settings.StackFile;

/** Every stack file in the repository, so that adding a stack adds it to every stack test. */
public final class TestStacks {
    public static final Path ROOT = Path.of("").toAbsolutePath();

    private TestStacks() {
    }

    public static List<Path> all() {
        var files = new ArrayList<Path>();
        files.add(ROOT.resolve("Pulumi.dev.yaml"));
        files.addAll(list(ROOT.resolve("stacks")));
        files.addAll(list(ROOT.resolve("src/test/resources/stacks")));
        return files;
    }

    public static Path named(String stack) {
        return all().stream().filter(p -> p.getFileName().toString().equals("Pulumi." + stack + ".yaml")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stack " + stack));
    }

    public static Settings settings(String stack) {
        return StackFile.load(named(stack));
    }

    public static MockRun run(String stack) {
        return MockRun.of(settings(stack), SecretValues.redacted());
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("Pulumi\\..+\\.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stack name of a stack file: Pulumi.&lt;name&gt;.yaml. */
    public static String name(Path file) {
        String f = file.getFileName().toString();
        return f.substring("Pulumi.".length(), f.length() - ".yaml".length());
    }
}
