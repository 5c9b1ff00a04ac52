package mysqlcluster.bootstrap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the emulated kubelet needs from the rendered objects: a pod template (the StatefulSet's, or a CronJob's job
 * template) and the ConfigMaps and Secrets it refers to. Read from the manifests exactly as rendered (plain maps and
 * lists), nothing described twice. OWNER names the StatefulSet or CronJob; READY_SERVICES are the headless Services
 * that select these pods and publish only the ready ones (their DNS names resolve to those pods' addresses).
 */
public record PodTemplate(String owner, String namespace, String serviceName, int replicas,
                          List<Container> initContainers, List<Container> containers, Map<String, Volume> volumes,
                          List<String> claimTemplates, Map<String, Map<String, String>> configMaps,
                          Map<String, Map<String, String>> secrets, int terminationGraceSeconds, int runAsUser,
                          int runAsGroup, Integer fsGroup, String restartPolicy, List<String> readyServices) {

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

    /** kind: emptyDir, ephemeral (a claim made for the pod and deleted with it), configMap, secret or claim (a
     * volumeClaimTemplate of the StatefulSet). */
    public record Volume(String name, String kind, String source, Integer defaultMode, List<Map<String, Object>> items) {
    }

    public Container container(String name) {
        return allContainers().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no container " + name + " in the pods of " + owner));
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

    /** The StatefulSet's pods (the manifests hold one). */
    public static PodTemplate from(List<Map<String, Object>> manifests) {
        Map<String, Object> sts = only(manifests, "StatefulSet");
        Map<String, Object> spec = map(sts, "spec");
        Map<String, Object> template = map(spec, "template");
        var claims = new ArrayList<String>();
        for (var claim : list(spec.get("volumeClaimTemplates"))) {
            claims.add(str(map(claim, "metadata"), "name"));
        }
        Integer replicas = integer(spec.get("replicas"));
        return of(manifests, map(sts, "metadata"), str(spec, "serviceName"), replicas == null ? 1 : replicas,
                template, claims);
    }

    /** The pods of the CronJob's jobs (the manifests hold one CronJob). */
    public static PodTemplate fromCronJob(List<Map<String, Object>> manifests) {
        Map<String, Object> cronJob = only(manifests, "CronJob");
        Map<String, Object> job = map(map(map(cronJob, "spec"), "jobTemplate"), "spec");
        return of(manifests, map(cronJob, "metadata"), null, 1, map(job, "template"), List.of());
    }

    static Map<String, Object> only(List<Map<String, Object>> manifests, String kind) {
        var found = manifests.stream().filter(m -> kind.equals(m.get("kind"))).toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException("expected one " + kind + " in the manifests, found " + found.size());
        }
        return found.get(0);
    }

    private static PodTemplate of(List<Map<String, Object>> manifests, Map<String, Object> ownerMeta,
                                  String serviceName, int replicas, Map<String, Object> template, List<String> claims) {
        Map<String, Object> podSpec = map(template, "spec");
        Map<String, Object> podMeta = template.get("metadata") == null ? Map.of() : map(template, "metadata");
        var configMaps = new LinkedHashMap<String, Map<String, String>>();
        var secrets = new LinkedHashMap<String, Map<String, String>>();
        var readyServices = new ArrayList<String>();
        Map<String, String> labels = stringMap(podMeta.get("labels"));
        for (var m : manifests) {
            if ("ConfigMap".equals(m.get("kind"))) {
                configMaps.put(str(map(m, "metadata"), "name"), stringMap(m.get("data")));
            } else if ("Secret".equals(m.get("kind"))) {
                var data = new LinkedHashMap<String, String>();
                stringMap(m.get("data")).forEach((k, v) ->
                        data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
                data.putAll(stringMap(m.get("stringData")));
                secrets.put(str(map(m, "metadata"), "name"), data);
            } else if ("Service".equals(m.get("kind")) && selectsReadyOnly(map(m, "spec"), labels)) {
                readyServices.add(str(map(m, "metadata"), "name"));
            }
        }

        var volumes = new LinkedHashMap<String, Volume>();
        for (var v : list(podSpec.get("volumes"))) {
            String name = str(v, "name");
            if (v.get("emptyDir") != null) {
                volumes.put(name, new Volume(name, "emptyDir", null, null, List.of()));
            } else if (v.get("ephemeral") != null) {
                volumes.put(name, new Volume(name, "ephemeral", null, null, List.of()));
            } else if (v.get("configMap") != null) {
                Map<String, Object> cm = map(v, "configMap");
                volumes.put(name, new Volume(name, "configMap", str(cm, "name"), integer(cm.get("defaultMode")), list(cm.get("items"))));
            } else if (v.get("secret") != null) {
                Map<String, Object> s = map(v, "secret");
                volumes.put(name, new Volume(name, "secret", str(s, "secretName"), integer(s.get("defaultMode")), list(s.get("items"))));
            } else {
                throw new IllegalArgumentException("volume " + name + ": only emptyDir, ephemeral, configMap and secret volumes are emulated");
            }
        }
        for (String claim : claims) {
            volumes.put(claim, new Volume(claim, "claim", claim, null, List.of()));
        }

        Integer grace = integer(podSpec.get("terminationGracePeriodSeconds"));
        Map<String, Object> security = podSpec.get("securityContext") == null ? Map.of() : map(podSpec, "securityContext");
        return new PodTemplate(str(ownerMeta, "name"), Objects.toString(ownerMeta.get("namespace"), "default"),
                serviceName, replicas, containers(podSpec.get("initContainers")), containers(podSpec.get("containers")),
                volumes, claims, configMaps, secrets, grace == null ? 30 : grace, orDefault(security.get("runAsUser"), 0),
                orDefault(security.get("runAsGroup"), 0), integer(security.get("fsGroup")),
                Objects.toString(podSpec.get("restartPolicy"), "Always"), readyServices);
    }

    /** A headless Service without publishNotReadyAddresses whose selector matches these labels. */
    private static boolean selectsReadyOnly(Map<String, Object> spec, Map<String, String> labels) {
        Map<String, String> selector = stringMap(spec.get("selector"));
        return "None".equals(spec.get("clusterIP")) && !Boolean.TRUE.equals(spec.get("publishNotReadyAddresses"))
                && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
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
