package mysqlcluster.bootstrap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the emulated kubelet needs from the rendered objects: the StatefulSet's pod template and the ConfigMaps and
 * Secrets it refers to. Read from the manifests exactly as rendered (plain maps and lists), nothing described twice.
 */
public record PodTemplate(String statefulSet, String namespace, String serviceName, int replicas,
                          List<Container> initContainers, List<Container> containers, Map<String, Volume> volumes,
                          List<String> claimTemplates, Map<String, Map<String, String>> configMaps,
                          Map<String, Map<String, String>> secrets, int terminationGraceSeconds, int runAsUser,
                          int runAsGroup, Integer fsGroup) {

    public record KeyRef(String name, String key, boolean optional) {
    }

    /** One env entry: a literal value, or valueFrom a Secret / ConfigMap key or a pod field. */
    public record EnvVar(String name, String value, KeyRef secretKeyRef, KeyRef configMapKeyRef, String fieldPath) {
    }

    public record Mount(String volume, String mountPath, String subPath, boolean readOnly) {
    }

    public record Probe(List<String> command, int periodSeconds, int timeoutSeconds, int failureThreshold) {
    }

    public record Container(String name, String image, List<String> command, List<String> args, List<EnvVar> env,
                            List<Mount> mounts, Probe readinessProbe) {
        public boolean hasCommand() {
            return command != null && !command.isEmpty();
        }
    }

    /** kind: emptyDir, configMap, secret or claim (a volumeClaimTemplate). */
    public record Volume(String name, String kind, String source, Integer defaultMode, List<Map<String, Object>> items) {
    }

    public Container container(String name) {
        return allContainers().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no container " + name + " in StatefulSet " + statefulSet));
    }

    /** The image of the server container (the one without a command of its own). */
    public String serverImage() {
        return containers.stream().filter(c -> !c.hasCommand()).findFirst().map(Container::image)
                .orElseThrow(() -> new IllegalArgumentException("no container runs its image's own entrypoint"));
    }

    public List<Container> allContainers() {
        var all = new ArrayList<>(initContainers);
        all.addAll(containers);
        return all;
    }

    public static PodTemplate from(List<Map<String, Object>> manifests) {
        var statefulSets = manifests.stream().filter(m -> "StatefulSet".equals(m.get("kind"))).toList();
        if (statefulSets.size() != 1) {
            throw new IllegalArgumentException("expected one StatefulSet in the manifests, found " + statefulSets.size());
        }
        Map<String, Object> sts = statefulSets.get(0);
        Map<String, Object> meta = map(sts, "metadata");
        Map<String, Object> spec = map(sts, "spec");
        Map<String, Object> podSpec = map(map(spec, "template"), "spec");

        var configMaps = new LinkedHashMap<String, Map<String, String>>();
        var secrets = new LinkedHashMap<String, Map<String, String>>();
        for (var m : manifests) {
            if ("ConfigMap".equals(m.get("kind"))) {
                configMaps.put(str(map(m, "metadata"), "name"), stringMap(m.get("data")));
            } else if ("Secret".equals(m.get("kind"))) {
                var data = new LinkedHashMap<String, String>();
                stringMap(m.get("data")).forEach((k, v) ->
                        data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
                data.putAll(stringMap(m.get("stringData")));
                secrets.put(str(map(m, "metadata"), "name"), data);
            }
        }

        var volumes = new LinkedHashMap<String, Volume>();
        for (var v : list(podSpec.get("volumes"))) {
            String name = str(v, "name");
            if (v.get("emptyDir") != null) {
                volumes.put(name, new Volume(name, "emptyDir", null, null, List.of()));
            } else if (v.get("configMap") != null) {
                Map<String, Object> cm = map(v, "configMap");
                volumes.put(name, new Volume(name, "configMap", str(cm, "name"), integer(cm.get("defaultMode")), list(cm.get("items"))));
            } else if (v.get("secret") != null) {
                Map<String, Object> s = map(v, "secret");
                volumes.put(name, new Volume(name, "secret", str(s, "secretName"), integer(s.get("defaultMode")), list(s.get("items"))));
            } else {
                throw new IllegalArgumentException("volume " + name + ": only emptyDir, configMap and secret volumes are emulated");
            }
        }
        var claims = new ArrayList<String>();
        for (var claim : list(spec.get("volumeClaimTemplates"))) {
            String name = str(map(claim, "metadata"), "name");
            claims.add(name);
            volumes.put(name, new Volume(name, "claim", name, null, List.of()));
        }

        Integer grace = integer(podSpec.get("terminationGracePeriodSeconds"));
        Map<String, Object> security = podSpec.get("securityContext") == null ? Map.of() : map(podSpec, "securityContext");
        Integer replicas = integer(spec.get("replicas"));
        return new PodTemplate(str(meta, "name"), Objects.toString(meta.get("namespace"), "default"),
                str(spec, "serviceName"), replicas == null ? 1 : replicas,
                containers(podSpec.get("initContainers")), containers(podSpec.get("containers")), volumes, claims,
                configMaps, secrets, grace == null ? 30 : grace, orDefault(security.get("runAsUser"), 0),
                orDefault(security.get("runAsGroup"), 0), integer(security.get("fsGroup")));
    }

    private static List<Container> containers(Object raw) {
        var result = new ArrayList<Container>();
        for (var c : list(raw)) {
            var env = new ArrayList<EnvVar>();
            for (var e : list(c.get("env"))) {
                Map<String, Object> from = e.get("valueFrom") == null ? Map.of() : map(e, "valueFrom");
                env.add(new EnvVar(str(e, "name"), e.get("value") == null ? null : String.valueOf(e.get("value")),
                        keyRef(from.get("secretKeyRef")), keyRef(from.get("configMapKeyRef")),
                        from.get("fieldRef") == null ? null : str(map(from, "fieldRef"), "fieldPath")));
            }
            var mounts = new ArrayList<Mount>();
            for (var m : list(c.get("volumeMounts"))) {
                mounts.add(new Mount(str(m, "name"), str(m, "mountPath"), (String) m.get("subPath"),
                        Boolean.TRUE.equals(m.get("readOnly"))));
            }
            Probe readiness = null;
            if (c.get("readinessProbe") != null) {
                Map<String, Object> p = map(c, "readinessProbe");
                readiness = new Probe(strings(map(p, "exec").get("command")), orDefault(p.get("periodSeconds"), 10),
                        orDefault(p.get("timeoutSeconds"), 1), orDefault(p.get("failureThreshold"), 3));
            }
            result.add(new Container(str(c, "name"), (String) c.get("image"), strings(c.get("command")),
                    strings(c.get("args")), env, mounts, readiness));
        }
        return result;
    }

    private static KeyRef keyRef(Object raw) {
        if (raw == null) {
            return null;
        }
        @SuppressWarnings("unchecked") Map<String, Object> ref = (Map<String, Object>) raw;
        return new KeyRef(str(ref, "name"), str(ref, "key"), Boolean.TRUE.equals(ref.get("optional")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("expected a map at " + key + " in " + parent.keySet());
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object raw) {
        return raw == null ? List.of() : (List<Map<String, Object>>) raw;
    }

    private static List<String> strings(Object raw) {
        return raw == null ? List.of() : ((List<?>) raw).stream().map(String::valueOf).toList();
    }

    private static Map<String, String> stringMap(Object raw) {
        var result = new LinkedHashMap<String, String>();
        if (raw != null) {
            ((Map<?, ?>) raw).forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
        }
        return result;
    }

    private static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing " + key + " in " + m.keySet());
        }
        return String.valueOf(v);
    }

    private static Integer integer(Object raw) {
        return raw == null ? null : ((Number) raw).intValue();
    }

    private static int orDefault(Object raw, int fallback) {
        Integer i = integer(raw);
        return i == null ? fallback : i;
    }
}
