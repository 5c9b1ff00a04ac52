package mysqlcluster.settings;

/**
 * {@code mysql-cluster:credentials}: where passwords come from. Either {@code existingSecret} names a Secret in the
 * cluster's namespace holding the keys, or the passwords are Pulumi secrets (mysql-cluster:rootPassword, ...).
 */
public record CredentialSettings(String existingSecret, String appUser, String appDatabase) {
    public static final CredentialSettings DEFAULTS = new CredentialSettings(null, null, null);

    void validate(String path, Problems problems) {
        if (existingSecret != null) {
            Rules.dnsSubdomain(path + ".existingSecret", existingSecret, problems);
        }
        if ((appUser == null) != (appDatabase == null)) {
            problems.add(path + (appUser == null ? ".appUser" : ".appDatabase"),
                    "appUser and appDatabase go together; set both or neither");
        }
        if (appUser != null && !appUser.matches("[A-Za-z0-9_]{1,32}")) {
            problems.add(path + ".appUser", Rules.quote(appUser) + " is not a valid user name; use 1-32 letters, digits or '_'");
        }
        if (appDatabase != null && !appDatabase.matches("[A-Za-z0-9_]{1,64}")) {
            problems.add(path + ".appDatabase", Rules.quote(appDatabase) + " is not a valid database name; use 1-64 letters, digits or '_'");
        }
    }

    public boolean hasAppUser() {
        return appUser != null;
    }
}
