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
 * The mariadb command-line client, run on the host inside a network namespace (by default the harness's client
 * namespace), over TCP. Only its own mode-600 option file is read (not the host's my.cnf); SQL goes in on stdin.
 */
public final class SqlClient {
    private final String netns;
    private final String host;
    private final int port;
    private final String user;
    private final Path options;

    SqlClient(String netns, String host, int port, String user, String password, Path optionsDir) {
        this.netns = netns;
        this.host = host;
        this.port = port;
        this.user = user;
        try {
            Files.createDirectories(optionsDir);
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

    /** Runs one statement ending in \\G and returns its vertical output as column -> value. */
    public java.util.Map<String, String> vertical(String sql) {
        Host.Result result = run(sql, "--column-names");
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
        return Host.run(List.of("ip", "netns", "exec", netns, "mariadb", "--defaults-file=" + options,
                        "--host=" + host, "--port=" + port, "--connect-timeout=5", "--batch", columnNames),
                null, sql, Duration.ofSeconds(120));
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
