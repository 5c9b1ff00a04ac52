package mysqlcluster.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The longest wait between two runs of a schedule, which MySQLBackupOverdue allows: with Kubernetes' meaning of the
 * fields (day 7 is Sunday; day of month and day of week both restricted match either one).
 */
class CronScheduleTest {
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0 3 * * *        | PT24H
            @daily           | PT24H
            @hourly          | PT1H
            */15 * * * *     | PT15M
            10/25 * * * *    | PT35M
            0 1,13 * * *     | PT12H
            0 2-4 * * *      | PT22H
            30 2 * * 1-5     | PT72H
            0 3 * * 7        | PT168H
            @weekly          | PT168H
            0 0 1 * 1        | PT168H
            0 0 31 * *       | PT1464H
            @monthly         | PT744H
            0 0 29 2 *       | PT35064H
            """)
    void theLongestIntervalBetweenTwoRuns(String schedule, Duration longest) {
        assertEquals(longest, CronSchedule.longestInterval(schedule.strip()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0 3 30 2 *", "0 0 31 4,6,9,11 *"})
    void aScheduleThatNeverComesHasNone(String schedule) {
        assertNull(CronSchedule.longestInterval(schedule));
    }
}
