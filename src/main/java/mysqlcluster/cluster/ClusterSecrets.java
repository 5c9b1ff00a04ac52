package mysqlcluster.cluster;

import com.pulumi.core.Output;
import java.util.Map;
import mysqlcluster.settings.Password;

/** The password values, as secret Outputs, for the passwords the settings require (empty with an existing Secret). */
public record ClusterSecrets(Map<Password, Output<String>> passwords) {
    public static ClusterSecrets none() {
        return new ClusterSecrets(Map.of());
    }
}
