package mysqlcluster.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mysqlcluster.bootstrap.Host;

/** kubectl of the suite's Kubernetes release, against one kubeconfig. */
public record Kubectl(Path binary, Path kubeconfig) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Host.Result run(String... args) {
        return withInput(null, args);
    }

    /** Runs kubectl with stdin (may be null). */
    public Host.Result withInput(String stdin, String... args) {
        var command = new ArrayList<String>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        return Host.run(command, env(), stdin, Duration.ofSeconds(120));
    }

    public String check(String... args) {
        return run(args).check().out();
    }

    /** kubectl apply of a manifest given as text (YAML or JSON). */
    public void apply(String manifest) {
        withInput(manifest, "apply", "-f", "-").check();
    }

    /** An object (or a list) as JSON: get(kind/name, -n, namespace). */
    public JsonNode get(String... args) {
        var all = new ArrayList<>(List.of("get", "-o", "json"));
        all.addAll(List.of(args));
        try {
            return JSON.readTree(check(all.toArray(String[]::new)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the object exists. */
    public boolean exists(String... args) {
        var all = new ArrayList<>(List.of("get", "--ignore-not-found", "-o", "name"));
        all.addAll(List.of(args));
        return !check(all.toArray(String[]::new)).isBlank();
    }

    /** A bash script (-euo pipefail) with this kubectl first on PATH and its kubeconfig, as a user runs one. */
    public Host.Result shell(String script) {
        var env = env();
        env.put("PATH", binary.getParent() + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        return Host.run(List.of("bash", "-euo", "pipefail", "-c", script), env, null, Duration.ofSeconds(120));
    }

    Map<String, String> env() {
        var env = new HashMap<>(System.getenv());
        env.put("KUBECONFIG", kubeconfig.toString());
        return env;
    }
}
