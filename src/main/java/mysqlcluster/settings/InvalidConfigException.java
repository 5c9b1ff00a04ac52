package mysqlcluster.settings;

import java.util.List;

/** Thrown before any resource is declared when the stack configuration is invalid; lists every problem. */
public final class InvalidConfigException extends RuntimeException {
    private final List<String> problems;

    public InvalidConfigException(List<String> problems) {
        this("Invalid stack configuration", problems);
    }

    /** With another heading than "Invalid stack configuration", e.g. for a valid config the deployment refuses. */
    public InvalidConfigException(String heading, List<String> problems) {
        super(format(heading, problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String format(String heading, List<String> problems) {
        var text = new StringBuilder(heading).append(" (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        problems.forEach(p -> text.append("\n  - ").append(p));
        return text.toString();
    }
}
