package mysqlcluster.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.regex.Pattern;

/**
 * Reads a Pulumi stack file ({@code Pulumi.<stack>.yaml}) the way the Pulumi CLI hands it to a program: structured
 * values become JSON text, {@code secure:} values are secrets (their ciphertext stands in for the value; nothing
 * here decrypts).
 */
public final class StackFile {
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Pattern STACK_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private StackFile() {
    }

    /** The stack file of a named stack: {@code Pulumi.dev.yaml} at the project root, every other one in stacks/. */
    public static Path locate(Path projectRoot, String stack) {
        if (!STACK_NAME.matcher(stack).matches()) {
            throw new IllegalArgumentException("invalid stack name \"" + stack
                    + "\"; use lower-case letters, digits, '.', '_' or '-'");
        }
        Path file = stack.equals("dev") ? projectRoot.resolve("Pulumi.dev.yaml")
                : projectRoot.resolve("stacks").resolve("Pulumi." + stack + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no stack \"" + stack + "\": " + file + " does not exist");
        }
        return file;
    }

    public static MapConfigSource read(Path file) {
        try {
            return parse(Files.readString(file), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stack file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a stack file's text; {@code origin} only names it in messages. */
    public static MapConfigSource parse(String text, Path origin) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("stack file " + origin + " is not valid YAML: " + e.getMessage(), e);
        }
        var values = new LinkedHashMap<String, String>();
        var secrets = new java.util.HashSet<String>();
        JsonNode config = root == null ? null : root.get("config");
        if (config != null && config.isObject()) {
            config.fields().forEachRemaining(entry -> {
                JsonNode value = entry.getValue();
                if (value.isObject() && value.size() == 1 && value.has("secure")) {
                    secrets.add(entry.getKey());
                    values.put(entry.getKey(), value.get("secure").asText());
                } else {
                    values.put(entry.getKey(), value.isValueNode() ? value.asText() : value.toString());
                }
            });
        }
        return new MapConfigSource(values, secrets);
    }

    /** Reads and validates a stack file's settings. */
    public static Settings load(Path file) {
        return Settings.read(read(file));
    }
}
