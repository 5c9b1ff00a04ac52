package mysqlcluster.settings;

/**
 * {@code mysql-cluster:rollout}: how long Pulumi waits for the StatefulSet. Empty {@code readyTimeoutMinutes} means
 * derived from the volume size: each replica after the first clones a full volume at {@code cloneMiBPerSecond}.
 */
public record RolloutSettings(Integer readyTimeoutMinutes, Integer cloneMiBPerSecond) {
    public static final RolloutSettings DEFAULTS = new RolloutSettings(null, 50);

    void validate(String path, Problems problems) {
        if (readyTimeoutMinutes != null) {
            Rules.range(path + ".readyTimeoutMinutes", readyTimeoutMinutes, 1, 24 * 60, problems);
        }
        Rules.atLeast(path + ".cloneMiBPerSecond", cloneMiBPerSecond, 1, problems);
    }
}
