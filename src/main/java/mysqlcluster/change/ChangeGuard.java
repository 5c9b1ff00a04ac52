package mysqlcluster.change;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mysqlcluster.cluster.Quantities;
import mysqlcluster.settings.EngineVersion;
import mysqlcluster.settings.InvalidConfigException;
import mysqlcluster.settings.Settings;

/**
 * Refuses, before any resource is declared, a config change that a deployed cluster cannot take without losing or
 * orphaning data: a fixed key changed, the engine's version lowered, the volumes shrunk, or grown where the
 * StorageClass does not allow it, or a restore set on a cluster that exists. Each refusal names the key, both values and what to do instead.
 */
public final class ChangeGuard {
    public static final String HEADING = "Refused: the deployed cluster cannot take this change";

    private ChangeGuard() {
    }

    public static void check(Optional<DeployedSettings> deployed, Settings next) {
        List<String> problems = deployed.map(d -> problems(d, next)).orElseGet(() -> firstDeployment(next));
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(HEADING, problems);
        }
    }

    /**
     * A stack's first deployment with an existing Secret: the Secret, so its namespace, exists before it. A namespace
     * the stack declared would be taken over, not refused (provider 4.25.0 creates by server-side apply), and a
     * destroy of the stack would then delete it with the Secret and every claim.
     */
    static List<String> firstDeployment(Settings next) {
        String secret = next.credentials().existingSecret();
        if (secret == null || !next.cluster().createNamespace()) {
            return List.of();
        }
        String namespace = next.cluster().namespace();
        return List.of(Settings.fullKey("cluster.createNamespace") + ": true, but "
                + Settings.fullKey("credentials.existingSecret") + " names the Secret \"" + secret + "\", which must"
                + " exist in the namespace \"" + namespace + "\" before the first pulumi up; this stack would take"
                + " that namespace over, and its destroy would delete it with the Secret and every claim. Set "
                + Settings.fullKey("cluster.createNamespace") + " to false: the namespace stays the platform's");
    }

    static List<String> problems(DeployedSettings deployed, Settings next) {
        var problems = new ArrayList<String>();
        for (FixedKey key : FixedKey.values()) {
            String now = key.valueIn(next);
            deployed.value(key.key()).filter(was -> !was.equals(now) && !(key.settableLater() && was.isEmpty()))
                    .ifPresent(was -> problems.add(
                    Settings.fullKey(key.key()) + ": was \"" + was + "\" when the cluster was deployed, now \"" + now
                            + "\"; " + key.why() + ". Set it back to \"" + was + "\"; " + key.instead()));
        }
        boolean sameEngine = deployed.value(FixedKey.ENGINE.key()).map(next.cluster().engine()::equals).orElse(true);
        if (sameEngine) {
            deployed.value(DeployedSettings.VERSION).ifPresent(was -> version(was, next, problems));
        }
        deployed.value(DeployedSettings.VOLUME_SIZE).ifPresent(was -> volumeSize(was, next, problems));
        restore(deployed.value(DeployedSettings.RESTORE).orElse(""), next, problems);
        return problems;
    }

    private static void version(String was, Settings next, List<String> problems) {
        EngineVersion now = next.engineVersion();
        EngineVersion before = EngineVersion.find(now.engine(), was).orElse(null);
        if (before != null && now.compareTo(before) < 0) {
            List<String> allowed = EngineVersion.of(now.engine()).stream().filter(v -> v.compareTo(before) >= 0)
                    .map(EngineVersion::series).toList();
            problems.add(Settings.fullKey(DeployedSettings.VERSION) + ": " + was + " is deployed, " + now.series()
                    + " is older; " + now.engine().id() + " does not start an older release on a data directory a newer"
                    + " one has written. Set it back to " + was + " (allowed from here: " + String.join(", ", allowed)
                    + ")");
        }
    }

    /**
     * A restore initialises pod 0's datadir on a stack's first deployment; set later, it would never run (the datadir
     * exists), so it is refused rather than left to look done. Removing it, or keeping it as deployed, is fine.
     */
    private static void restore(String was, Settings next, List<String> problems) {
        String now = DeployedSettings.restoreOf(next);
        if (now.isEmpty() || now.equals(was)) {
            return;
        }
        problems.add(Settings.fullKey("restore") + ": " + (was.isEmpty() ? "set" : "changed from \"" + was + "\"")
                + " after the cluster was deployed; a restore only initialises a new cluster's first pod, and this"
                + " cluster's data exists. Remove it" + (was.isEmpty() ? "" : " or set it back") + "; to restore, deploy"
                + " a new stack with " + Settings.fullKey("restore") + " (see docs/backup.md)");
    }

    private static void volumeSize(String was, Settings next, List<String> problems) {
        String now = next.storage().volumeSize();
        int order = Quantities.bytes(now).compareTo(Quantities.bytes(was));
        String key = Settings.fullKey(DeployedSettings.VOLUME_SIZE);
        if (order < 0) {
            problems.add(key + ": the claims have " + was + ", " + now + " is smaller; Kubernetes only grows a claim."
                    + " Set it back to " + was + " or larger");
        } else if (order > 0 && !next.storage().allowVolumeExpansion()) {
            problems.add(key + ": growing the claims from " + was + " to " + now + " needs a StorageClass that allows"
                    + " expansion. Set " + Settings.fullKey("storage.allowVolumeExpansion") + " to true in the same"
                    + " change");
        }
    }
}
