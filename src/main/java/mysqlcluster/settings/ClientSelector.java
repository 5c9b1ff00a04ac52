package mysqlcluster.settings;

import java.util.Map;

/** Pods allowed to reach MySQL: in {@code namespace} (empty: the cluster's own), carrying {@code podLabels} (empty: any). */
public record ClientSelector(String namespace, Map<String, String> podLabels) {
    public static final ClientSelector SAME_NAMESPACE = new ClientSelector(null, Map.of());
}
