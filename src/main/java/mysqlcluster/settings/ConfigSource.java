package mysqlcluster.settings;

import java.util.Optional;
import java.util.Set;

/**
 * Stack configuration as the Pulumi engine hands it to a program: full keys ("mysql-cluster:storage"),
 * raw string values (structured values as JSON text), and which keys are secrets.
 */
public interface ConfigSource {
    /** Every key set in the stack, in every namespace. */
    Set<String> keys();

    /** The raw value of a full key; structured values are JSON text. */
    Optional<String> get(String fullKey);

    /** Whether the key was stored as a Pulumi secret ({@code secure:}). */
    boolean isSecret(String fullKey);
}
