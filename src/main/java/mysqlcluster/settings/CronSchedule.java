package mysqlcluster.settings;

import java.time.Duration;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
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
    private static final Map<String, String> DESCRIBED = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");
    /** Long enough to hold two leap days: a schedule of February 29 runs twice in it. */
    private static final int YEARS_SCANNED = 8;

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

    /**
     * The longest time between two runs of a valid schedule (the Kubernetes meaning: day of month and day of week
     * both restricted match either); what a missed backup is measured against.
     */
    static Duration longestInterval(String schedule) {
        String[] fields = (schedule.startsWith("@") ? DESCRIBED.get(schedule) : schedule.trim()).split("\\s+");
        BitSet[] allowed = new BitSet[5];
        for (int i = 0; i < 5; i++) {
            allowed[i] = values(fields[i], BOUNDS[i]);
        }
        if (allowed[4].get(7)) {
            allowed[4].set(0);
        }
        boolean eitherDay = !star(fields[2]) && !star(fields[4]);
        LocalDate first = LocalDate.of(2024, 1, 1);
        long previous = -1;
        long longest = 0;
        int runs = 0;
        for (LocalDate day = first; day.isBefore(first.plusYears(YEARS_SCANNED)); day = day.plusDays(1)) {
            boolean dom = allowed[2].get(day.getDayOfMonth());
            boolean dow = allowed[4].get(day.getDayOfWeek().getValue() % 7);
            if (!allowed[3].get(day.getMonthValue()) || !(eitherDay ? dom || dow : dom && dow)) {
                continue;
            }
            long dayMinute = (day.toEpochDay() - first.toEpochDay()) * 1440;
            for (int hour = allowed[1].nextSetBit(0); hour >= 0; hour = allowed[1].nextSetBit(hour + 1)) {
                for (int minute = allowed[0].nextSetBit(0); minute >= 0; minute = allowed[0].nextSetBit(minute + 1)) {
                    long at = dayMinute + hour * 60L + minute;
                    if (previous >= 0) {
                        longest = Math.max(longest, at - previous);
                    }
                    previous = at;
                    runs++;
                }
            }
        }
        return runs < 2 ? null : Duration.ofMinutes(longest);
    }

    private static boolean star(String field) {
        return List.of(field.split(",")).contains("*");
    }

    private static BitSet values(String field, int[] bounds) {
        var set = new BitSet();
        for (String item : field.split(",")) {
            var m = ITEM.matcher(item);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a schedule field: " + field);
            }
            int from = m.group(2) == null ? bounds[0] : Integer.parseInt(m.group(2));
            int to = m.group(4) != null ? Integer.parseInt(m.group(4))
                    : m.group(2) == null || m.group(6) != null ? bounds[1] : from;
            int step = m.group(6) == null ? 1 : Integer.parseInt(m.group(6));
            for (int v = from; v <= to; v += step) {
                set.set(v);
            }
        }
        return set;
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
        return longestInterval(schedule) == null ? "it never comes (a day the month does not have)" : null;
    }

    private static boolean outside(int value, int[] bounds) {
        return value < bounds[0] || value > bounds[1];
    }
}
