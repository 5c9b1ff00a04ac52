package mysqlcluster.settings;

import java.util.List;

/** {@code mysql-cluster:network}: the NetworkPolicy in front of the pods. */
public record NetworkSettings(Boolean networkPolicy, List<ClientSelector> allowedClients) {
    public static final NetworkSettings DEFAULTS = new NetworkSettings(true, List.of(ClientSelector.SAME_NAMESPACE));

    void validate(String path, Problems problems) {
        for (int i = 0; i < allowedClients.size(); i++) {
            ClientSelector client = allowedClients.get(i);
            if (client == null) {
                problems.add(path + ".allowedClients[" + i + "]", "must be an object with namespace and/or podLabels");
            } else if (client.namespace() != null) {
                Rules.dnsLabel(path + ".allowedClients[" + i + "].namespace", client.namespace(), 63, problems);
            }
        }
    }
}
