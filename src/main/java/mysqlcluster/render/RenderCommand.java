package mysqlcluster.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import mysqlcluster.settings.InvalidConfigException;
import mysqlcluster.settings.Settings;
import mysqlcluster.settings.StackFile;

/**
 * {@code render --stack <name> [--out DIR] [--show-secrets]}: prints the stack's Kubernetes objects as one YAML
 * stream (or one file per object under DIR). Errors go to stderr with a non-zero exit code and nothing on stdout.
 * Without --show-secrets the Secret is left out, not printed with placeholder passwords: applied, such a Secret would
 * give a fresh primary the placeholder as its root password.
 */
public final class RenderCommand {
    public static final String USAGE = "usage: java -jar target/mysql-cluster.jar render --stack <name> [--out DIR] [--show-secrets]";
    /** How render prints YAML; diff reads and prints objects with it too, so both print an object alike. */
    static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // a string such as imageFormat "2" must stay a string: the API server rejects a number there
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    private RenderCommand() {
    }

    record Options(String stack, Path out, boolean showSecrets) {
        static Options parse(List<String> args) {
            String stack = null;
            Path out = null;
            boolean showSecrets = false;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--stack" -> stack = value(args, ++i, arg);
                    case "--out" -> out = Path.of(value(args, ++i, arg));
                    case "--show-secrets" -> showSecrets = true;
                    default -> throw new IllegalArgumentException("unknown argument \"" + arg + "\"\n" + USAGE);
                }
            }
            if (stack == null) {
                throw new IllegalArgumentException("--stack is required\n" + USAGE);
            }
            return new Options(stack, out, showSecrets);
        }

        private static String value(List<String> args, int index, String flag) {
            if (index >= args.size() || args.get(index).startsWith("--")) {
                throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
            }
            return args.get(index);
        }
    }

    /** Runs the command; returns the process exit code. */
    public static int run(List<String> args, Path projectRoot, Function<String, String> env, PrintStream out,
                          PrintStream err) {
        try {
            Options options = Options.parse(args);
            Settings settings = StackFile.load(StackFile.locate(projectRoot, options.stack()));
            SecretValues secrets = options.showSecrets() ? SecretValues.fromEnvironment(settings, env)
                    : SecretValues.redacted();
            List<Map<String, Object>> manifests = Renderer.render(settings, secrets);
            List<String> leftOut = List.of();
            if (!options.showSecrets()) {
                leftOut = manifests.stream().filter(RenderCommand::isSecret)
                        .map(secret -> leftOutNote(secret, settings)).toList();
                manifests = manifests.stream().filter(m -> !isSecret(m)).toList();
            }
            if (options.out() != null) {
                writeFiles(manifests, options.out(), err);
                leftOut.forEach(note -> err.println("render: " + note));
            } else {
                leftOut.forEach(note -> out.println("# " + note));
                out.print(toYaml(manifests));
                out.flush();
            }
            return 0;
        } catch (InvalidConfigException | IllegalArgumentException e) {
            err.println("render: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("render: failed: " + e);
            return 1;
        }
    }

    private static boolean isSecret(Map<String, Object> manifest) {
        return "Secret".equals(manifest.get("kind"));
    }

    /** Names the variables --show-secrets would read: the passwords this stack needs. */
    static String leftOutNote(Map<String, Object> secret, Settings settings) {
        return "Secret " + Manifests.name(secret) + " left out: its passwords are printed only with --show-secrets"
                + " (values from " + String.join(", ", settings.requiredPasswords().stream()
                        .map(SecretValues::environmentVariable).toList()) + ")";
    }

    /** The manifests as one multi-document YAML stream. */
    public static String toYaml(List<Map<String, Object>> manifests) throws JsonProcessingException {
        var text = new StringBuilder();
        for (Map<String, Object> manifest : manifests) {
            text.append(toYaml(manifest));
        }
        return text.toString();
    }

    /** One manifest as a YAML document. */
    static String toYaml(Map<String, Object> manifest) throws JsonProcessingException {
        return YAML.writeValueAsString(manifest);
    }

    private static void writeFiles(List<Map<String, Object>> manifests, Path dir, PrintStream err) throws IOException {
        Files.createDirectories(dir);
        int index = 0;
        for (Map<String, Object> manifest : manifests) {
            String file = String.format("%02d-%s-%s.yaml", ++index,
                    String.valueOf(manifest.get("kind")).toLowerCase(), Manifests.name(manifest));
            Files.writeString(dir.resolve(file), toYaml(manifest));
        }
        err.println("render: wrote " + manifests.size() + " manifests to " + dir);
    }
}
