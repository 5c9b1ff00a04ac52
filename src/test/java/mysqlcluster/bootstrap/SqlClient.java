package mysqlcluster.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The image's command-line client (mysql or mariadb), run as a short-lived container of the image inside a network
 * namespace (by default the harness's client namespace), over TCP. Only its own mode-600 option file is read (not
 * the image's my.cnf); SQL goes in on stdin.
 */
public final class SqlClient {
    /** Where the option file appears inside the client's container. */
    private static final String OPTIONS_DIR = "/run/client";

    private final EmulatedStatefulSet sts;
    private final String netns;
    private final String host;
    private final String user;
    private final Path options;

    SqlClient(EmulatedStatefulSet sts, String netns, String host, String user, String password) {
        this.sts = sts;
        this.netns = netns;
        this.host = host;
        this.user = user;
        try {
            Path optionsDir = Files.createDirectories(sts.runDirectory().resolve("clients").resolve("options"));
            this.options = Files.createTempFile(optionsDir, user + "-", ".cnf",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(options, "[client]\nuser=" + quote(user) + "\npassword=" + quote(password) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\n", "\\n") + "\"";
    }

    public String user() {
        return user;
    }

    /** Runs the statements; the result, exit status and error text, without failing. */
    public Host.Result execute(String sql) {
        return run(sql, "--skip-column-names");
    }

    /** Runs one statement with vertical output and returns its first row as column -> value. */
    public java.util.Map<String, String> vertical(String sql) {
        Host.Result result = run(sql, "--vertical");
        if (!result.ok()) {
            throw new AssertionError("SQL failed on " + host + " as " + user + ": " + result.err().strip() + "\n" + sql);
        }
        var row = new java.util.LinkedHashMap<String, String>();
        for (String line : result.out().split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("*")) {
                row.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return row;
    }

    private Host.Result run(String sql, String columnNames) {
        return run(sql, columnNames, Duration.ofSeconds(120));
    }

    private Host.Result run(String sql, String columnNames, Duration timeout) {
        return container().run(command("--connect-timeout=5", "--batch", columnNames), sql, timeout);
    }

    /** The image's client connecting as this one, with OPTIONS: a command line for {@link #container()}. */
    List<String> command(String... options) {
        var command = new java.util.ArrayList<>(List.of(sts.image().client()));
        command.addAll(connectionOptions());
        command.addAll(List.of(options));
        return command;
    }

    /** A container of the image in this client's namespace, with its option file (see {@link #connectionOptions()}). */
    ImageCommand container() {
        return new ImageCommand(sts, netns).bind(options.getParent(), OPTIONS_DIR, true);
    }

    /** The options that make any of the image's clients (mysql, mysqldump...) in {@link #container()} connect as this one. */
    List<String> connectionOptions() {
        return List.of("--defaults-file=" + OPTIONS_DIR + "/" + options.getFileName(), "--host=" + host,
                "--port=" + sts.mysqlPort());
    }

    /** Like {@link #execute(String)}, for statements that may run longer than two minutes (a table rebuild). */
    public Host.Result execute(String sql, Duration timeout) {
        return run(sql, "--skip-column-names", timeout);
    }

    /** Runs the statements and returns their output (tab-separated rows); fails on any error. */
    public String query(String sql) {
        Host.Result result = execute(sql);
        if (!result.ok()) {
            throw new AssertionError("SQL failed on " + host + " as " + user + ": " + result.err().strip() + "\n" + sql);
        }
        return result.out().strip();
    }

    /** A single value. */
    public String value(String sql) {
        return query(sql);
    }

    public long number(String sql) {
        return Long.parseLong(value(sql));
    }

    /** Rows of a query, each split at tabs. */
    public List<List<String>> rows(String sql) {
        String out = query(sql);
        return out.isEmpty() ? List.of() : out.lines().map(l -> Arrays.asList(l.split("\t", -1))).toList();
    }
}
