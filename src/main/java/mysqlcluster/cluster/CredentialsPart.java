package mysqlcluster.cluster;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.resources.Resource;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import mysqlcluster.settings.Password;
import mysqlcluster.settings.Settings;

/** The Secret with the cluster's passwords, built from Pulumi secrets; or the name of an existing Secret. */
record CredentialsPart(String secretName, Optional<Secret> secret) {
    static CredentialsPart declare(Settings settings, Names names, ClusterSecrets secrets, NamespacePart namespace,
                                   Resource parent) {
        if (settings.credentials().existingSecret() != null) {
            return new CredentialsPart(names.secret(), Optional.empty());
        }
        var data = new TreeMap<String, Output<String>>();
        for (Password p : settings.requiredPasswords()) {
            Output<String> value = secrets.passwords().get(p);
            if (value == null) {
                throw new IllegalArgumentException("no value for " + Settings.fullKey(p.configKey()));
            }
            data.put(p.secretKey(), value.asSecret());
        }
        Output<Map<String, String>> stringData = Output.all(data.values().stream().toList()).applyValue(values -> {
            var map = new TreeMap<String, String>();
            var keys = data.keySet().iterator();
            values.forEach(v -> map.put(keys.next(), v));
            return map;
        });
        var secret = new Secret(names.secret(), SecretArgs.builder()
                .metadata(Meta.namespaced(names, names.secret()))
                .type("Opaque")
                .stringData(stringData.asSecret())
                .build(), Options.inNamespace(parent, namespace)
                .additionalSecretOutputs(java.util.List.of("data", "stringData"))
                .build());
        return new CredentialsPart(names.secret(), Optional.of(secret));
    }
}
