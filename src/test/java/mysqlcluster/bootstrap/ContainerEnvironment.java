package mysqlcluster.bootstrap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mysqlcluster.bootstrap.PodTemplate.Container;
import mysqlcluster.bootstrap.PodTemplate.EnvVar;
import mysqlcluster.bootstrap.PodTemplate.KeyRef;

/** What the kubelet hands a container besides its volumes: its environment and its command line. */
final class ContainerEnvironment {
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private ContainerEnvironment() {
    }

    /** Thrown where the kubelet reports CreateContainerConfigError. */
    static final class CreateContainerError extends RuntimeException {
        CreateContainerError(String message) {
            super(message);
        }
    }

    static Map<String, String> of(Container c, PodTemplate template, String pod, String podIp) {
        var env = new LinkedHashMap<String, String>();
        env.put("PATH", PATH);
        env.put("HOSTNAME", pod);
        env.put("HOME", "/");
        for (EnvVar e : c.env()) {
            String value;
            if (e.value() != null) {
                value = expand(e.value(), env);
            } else if (e.secretKeyRef() != null) {
                value = lookup(template, template.secrets(), "secret", e.secretKeyRef());
            } else if (e.configMapKeyRef() != null) {
                value = lookup(template, template.configMaps(), "configmap", e.configMapKeyRef());
            } else if (e.fieldPath() != null) {
                value = switch (e.fieldPath()) {
                    case "metadata.name" -> pod;
                    case "metadata.namespace" -> template.namespace();
                    case "status.podIP" -> podIp;
                    default -> throw new CreateContainerError("fieldRef " + e.fieldPath() + " is not emulated");
                };
            } else {
                value = "";
            }
            if (value != null) {
                env.put(e.name(), value);
            }
        }
        return env;
    }

    private static final java.util.regex.Pattern REFERENCE = java.util.regex.Pattern.compile("\\$\\$|\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");

    /**
     * Like the kubelet: $(NAME) becomes the value of a variable defined before it (left as it is when there is none),
     * $$ a literal $.
     */
    static String expand(String value, Map<String, String> defined) {
        var m = REFERENCE.matcher(value);
        var out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(1) == null ? "$" : defined.getOrDefault(m.group(1), m.group());
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Like the kubelet: a missing object or key fails the container unless the reference is optional. */
    private static String lookup(PodTemplate template, Map<String, Map<String, String>> objects, String kind,
                                 KeyRef ref) {
        Map<String, String> data = objects.get(ref.name());
        if (data == null) {
            if (ref.optional()) {
                return null;
            }
            throw new CreateContainerError(kind + " \"" + ref.name() + "\" not found");
        }
        if (!data.containsKey(ref.key())) {
            if (ref.optional()) {
                return null;
            }
            throw new CreateContainerError("couldn't find key " + ref.key() + " in " + (kind.equals("secret") ? "Secret" : "ConfigMap")
                    + " " + template.namespace() + "/" + ref.name());
        }
        return data.get(ref.key());
    }

    /** The container's command; without one, its image's entrypoint (the harness's stand-in) and CMD. */
    static List<String> command(Container c, ImageStandIn image) {
        if (c.hasCommand()) {
            var command = new ArrayList<>(c.command());
            command.addAll(c.args());
            return command;
        }
        var command = new ArrayList<>(List.of(image.entrypointCommand()));
        if (!c.args().isEmpty()) {
            command.addAll(c.args());
        } else if (image.command() != null) {
            command.add(image.command());
        }
        return command;
    }
}
