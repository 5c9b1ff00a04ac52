package mysqlcluster.settings;

import java.util.ArrayList;
import java.util.List;

/** Collects every configuration problem, each with the full key path, so one run reports them all. */
public final class Problems {
    private final List<String> messages = new ArrayList<>();

    public void add(String keyPath, String message) {
        messages.add(keyPath + ": " + message);
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    public void throwIfAny() {
        if (!messages.isEmpty()) {
            throw new InvalidConfigException(messages);
        }
    }
}
