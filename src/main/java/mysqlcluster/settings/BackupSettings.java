package mysqlcluster.settings;

/**
 * {@code mysql-cluster:backup}: full backups on a schedule and the binary log archive, into a bucket the program claims
 * from a Rook CephObjectStore (objectStore) or an S3 bucket the platform provides (s3). The target is declared whenever
 * one is named; {@code enabled} runs the backups and the archive into it.
 */
public record BackupSettings(Boolean enabled, String schedule, Integer keepBackups, Integer rpoMinutes,
                             String objectStore, String objectStoreNamespace, String bucketClassName,
                             S3Location s3) {
    public static final BackupSettings DEFAULTS = new BackupSettings(false, "0 3 * * *", 7, 5, null, null, null,
            S3Location.NONE);

    void validate(String path, Problems problems) {
        CronSchedule.validate(path + ".schedule", schedule, problems);
        Rules.range(path + ".keepBackups", keepBackups, 1, 365, problems);
        Rules.range(path + ".rpoMinutes", rpoMinutes, 1, 60, problems);
        if (objectStore != null && s3.isSet()) {
            problems.add(path + ".objectStore", "is set together with " + path + ".s3; name one target: a Rook"
                    + " CephObjectStore to claim a bucket from, or an S3 bucket of the platform");
        }
        if (enabled && objectStore == null && !s3.isSet()) {
            problems.add(path + ".enabled", "is true but no target is named; set " + path + ".objectStore (a Rook"
                    + " CephObjectStore to claim a bucket from) or " + path + ".s3 (endpoint, bucket, existingSecret)");
        }
        if (objectStore != null) {
            Rules.dnsLabel(path + ".objectStore", objectStore, 63, problems);
        }
        if (objectStoreNamespace != null) {
            Rules.dnsLabel(path + ".objectStoreNamespace", objectStoreNamespace, 63, problems);
        }
        if (bucketClassName != null) {
            Rules.dnsSubdomain(path + ".bucketClassName", bucketClassName, problems);
        }
        if (objectStore == null && (objectStoreNamespace != null || bucketClassName != null)) {
            problems.add(path + (objectStoreNamespace != null ? ".objectStoreNamespace" : ".bucketClassName"),
                    "is set but " + path + ".objectStore is not; they belong to the claimed bucket");
        }
        if (s3.isSet()) {
            s3.validate(path + ".s3", false, problems);
        }
    }

    /** Whether a bucket target is named (claimed or the platform's). */
    public boolean hasTarget() {
        return objectStore != null || s3.isSet();
    }

    /** The longest time between two scheduled full backups (the schedule is valid). */
    public java.time.Duration longestScheduleInterval() {
        return CronSchedule.longestInterval(schedule);
    }

    /** Whether the program claims the bucket from a Rook object store. */
    public boolean claimsBucket() {
        return objectStore != null;
    }
}
