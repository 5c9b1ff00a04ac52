package mysqlcluster.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import mysqlcluster.bootstrap.PodTemplate.Volume;

/**
 * A pod's volumes as host directories, by volume name: emptyDirs, ephemeral claims and the ConfigMap/Secret files
 * under the pod's directory (they live as long as the pod), a claim's directory from the StatefulSet (it lives as
 * long as that).
 */
final class PodVolumes {
    private PodVolumes() {
    }

    static Map<String, Path> make(PodTemplate template, String pod, Path dir, Function<String, Path> claim) {
        var volumeDirs = new LinkedHashMap<String, Path>();
        try {
            for (Volume v : template.volumes().values()) {
                Path path;
                switch (v.kind()) {
                    case "claim" -> path = claim.apply(v.name());
                    case "emptyDir" -> {
                        path = Files.createDirectories(dir.resolve("volumes").resolve(v.name()));
                        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxrwxrwx"));
                    }
                    case "ephemeral" -> {
                        // a new filesystem's root, owned by root, which the kubelet gives to the pod's fsGroup
                        path = Files.createDirectories(dir.resolve("volumes").resolve(v.name()));
                        if (template.fsGroup() != null) {
                            Host.check("chown", "0:" + template.fsGroup(), path.toString());
                            Host.check("chmod", "2775", path.toString());
                        }
                    }
                    case "configMap", "secret" -> path = projected(template, pod, dir, v);
                    default -> throw new IllegalStateException("volume kind " + v.kind());
                }
                volumeDirs.put(v.name(), path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(volumeDirs);
    }

    /** ConfigMap or Secret keys as files, with the volume's items and defaultMode. */
    private static Path projected(PodTemplate template, String pod, Path dir, Volume v) throws IOException {
        Map<String, String> data = ("configMap".equals(v.kind()) ? template.configMaps() : template.secrets()).get(v.source());
        if (data == null) {
            throw new IllegalStateException("pod " + pod + ": volume " + v.name() + " refers to " + v.kind() + " "
                    + v.source() + ", which is not among the manifests");
        }
        Path path = Files.createDirectories(dir.resolve("volumes").resolve(v.name()));
        var files = new LinkedHashMap<String, String>();
        if (v.items().isEmpty()) {
            data.forEach(files::put);
        } else {
            for (var item : v.items()) {
                String key = String.valueOf(item.get("key"));
                if (!data.containsKey(key)) {
                    throw new IllegalStateException("volume " + v.name() + ": no key " + key + " in " + v.source());
                }
                files.put(String.valueOf(item.get("path")), data.get(key));
            }
        }
        int mode = v.defaultMode() == null ? 0644 : v.defaultMode();
        for (var file : files.entrySet()) {
            Path target = path.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
            Files.setPosixFilePermissions(target, permissions(mode));
            if (template.fsGroup() != null) {
                // like the kubelet: the pod's fsGroup owns a projected volume's files, so a mode of 0440 reads
                Host.check("chown", "0:" + template.fsGroup(), target.toString());
            }
        }
        return path;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        var text = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int bit = 8; bit >= 0; bit--) {
            text.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
        }
        return PosixFilePermissions.fromString(text.toString());
    }
}
