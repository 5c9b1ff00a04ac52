package mysqlcluster.settings;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A CronJob schedule as Kubernetes takes it: five fields (minute hour day-of-month month day-of-week) of numbers,
 * ranges, lists and steps, or one of the descriptors; the CronJob runs it in UTC (its timeZone). Names of months and
 * days, and a time zone inside the schedule, are refused to keep the check simple and the meaning plain.
 */
final class CronSchedule {
    static final List<String> DESCRIPTORS = List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily",
            "@midnight", "@hourly");
    private static final String[] FIELDS = {"minute", "hour", "day of month", "month", "day of week"};
    private static final int[][] BOUNDS = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
    private static final Pattern ITEM = Pattern.compile("(\\*|(\\d+)(-(\\d+))?)(/(\\d+))?");

    private CronSchedule() {
    }

    static void validate(String path, String schedule, Problems problems) {
        String problem = schedule == null ? "is empty" : check(schedule.trim());
        if (problem != null) {
            problems.add(path, Rules.quote(schedule) + " is not a schedule: " + problem + "; use five fields (minute"
                    + " hour day-of-month month day-of-week, in UTC) of numbers, ranges, lists and steps, e.g."
                    + " \"0 3 * * *\" (03:00 every day), or one of " + String.join(", ", DESCRIPTORS));
        }
    }

    private static String check(String schedule) {
        if (schedule.startsWith("@")) {
            return DESCRIPTORS.contains(schedule) ? null : "unknown descriptor";
        }
        String[] fields = schedule.split("\\s+");
        if (fields.length != 5) {
            return fields.length + " fields";
        }
        for (int i = 0; i < 5; i++) {
            for (String item : fields[i].split(",", -1)) {
                var m = ITEM.matcher(item);
                if (!m.matches()) {
                    return "the " + FIELDS[i] + " field has \"" + item + "\"";
                }
                for (int group : new int[] {2, 4}) {
                    if (m.group(group) != null && outside(Integer.parseInt(m.group(group)), BOUNDS[i])) {
                        return "the " + FIELDS[i] + " field allows " + BOUNDS[i][0] + " to " + BOUNDS[i][1];
                    }
                }
                if (m.group(6) != null && Integer.parseInt(m.group(6)) == 0) {
                    return "a step of 0 in the " + FIELDS[i] + " field";
                }
            }
        }
        return null;
    }

    private static boolean outside(int value, int[] bounds) {
        return value < bounds[0] || value > bounds[1];
    }
}
