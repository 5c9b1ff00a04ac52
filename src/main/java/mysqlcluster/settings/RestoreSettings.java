package mysqlcluster.settings;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * {@code mysql-cluster:restore}: pod 0's first initialisation takes this backup from the bucket (and replays the
 * archived binary logs up to a time or a GTID set) instead of initialising an empty datadir. Only on a stack's first
 * deployment (ChangeGuard); a datadir that exists is never overwritten.
 */
public record RestoreSettings(String backup, String time, String gtid, S3Location from) {
    public static final RestoreSettings DEFAULTS = new RestoreSettings(null, null, null, S3Location.NONE);
    public static final String LATEST = "latest";
    /** The id backup-full.sh gives a backup: its UTC start time. */
    private static final Pattern BACKUP_ID = Pattern.compile("[0-9]{8}T[0-9]{6}Z");
    private static final Pattern TIME = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?Z");
    /** A MySQL GTID set (uuid[:tag]:intervals, comma-separated) or a MariaDB one (domain-server-sequence, ...). */
    private static final Pattern GTID_SET = Pattern.compile(
            "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(:[a-z_][a-z0-9_]{0,31})?(:[0-9]+(-[0-9]+)?)+"
                    + "|[0-9]+-[0-9]+-[0-9]+)(,\\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
                    + "(:[a-z_][a-z0-9_]{0,31})?(:[0-9]+(-[0-9]+)?)+|[0-9]+-[0-9]+-[0-9]+))*");

    public boolean isSet() {
        return backup != null;
    }

    void validate(String path, Problems problems) {
        if (backup == null) {
            if (time != null || gtid != null || from.isSet()) {
                problems.add(path + ".backup", "is required with the other " + path + " keys: \"latest\" or a backup's"
                        + " id (its UTC start, e.g. 20261207T030000Z); remove them all for no restore");
            }
            return;
        }
        if (!LATEST.equals(backup) && !BACKUP_ID.matcher(backup).matches()) {
            problems.add(path + ".backup", Rules.quote(backup) + " is not a backup; use \"latest\" or a backup's id"
                    + " (its directory under full/, e.g. 20261207T030000Z)");
        }
        if (time != null && gtid != null) {
            problems.add(path + ".time", "is set together with " + path + ".gtid; name one point to restore to");
        }
        if (time != null && micros(time) == null) {
            problems.add(path + ".time", Rules.quote(time) + " is not a UTC time; use RFC 3339 with Z, e.g."
                    + " 2026-12-07T10:15:00Z (up to microseconds)");
        }
        if (gtid != null && !GTID_SET.matcher(gtid).matches()) {
            problems.add(path + ".gtid", Rules.quote(gtid) + " is not a GTID set; use MySQL's uuid:1-100 or"
                    + " MariaDB's 0-100-42, comma-separated for several");
        }
        from.validate(path + ".from", true, problems);
    }

    private static Long micros(String value) {
        if (!TIME.matcher(value).matches()) {
            return null;
        }
        try {
            Instant t = Instant.parse(value);
            return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The target restore-plan.sh takes: the time in microseconds, the GTID set, or the end of the archive. */
    public String planTarget() {
        if (time != null) {
            return "time:" + micros(time);
        }
        if (gtid != null) {
            return "gtid:" + gtid.replaceAll("\\s+", "");
        }
        return "latest";
    }
}
