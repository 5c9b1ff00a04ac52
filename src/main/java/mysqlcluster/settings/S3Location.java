package mysqlcluster.settings;

import java.util.regex.Pattern;

/**
 * An S3 bucket the platform provides: its endpoint URL, the bucket, the prefix under it, and the Secret in the
 * cluster's namespace whose keys AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY log in to it (the keys an
 * ObjectBucketClaim's Secret has). Unset fields are null.
 */
public record S3Location(String endpoint, String bucket, String prefix, String existingSecret) {
    public static final S3Location NONE = new S3Location(null, null, null, null);
    private static final Pattern ENDPOINT = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?/?");
    /** S3's bucket naming rules: 3-63 lower-case letters, digits, '.' and '-', starting and ending alphanumeric. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    public boolean isSet() {
        return !equals(NONE);
    }

    /** Every field required (the prefix too when REQUIRE_PREFIX), each checked. */
    void validate(String path, boolean requirePrefix, Problems problems) {
        if (endpoint == null || !ENDPOINT.matcher(endpoint).matches()) {
            problems.add(path + ".endpoint", Rules.quote(endpoint) + " is not an S3 endpoint; use http:// or https://"
                    + " with a host and an optional port, e.g. https://s3.example.com or http://rook-ceph-rgw-store.rook-ceph.svc:80");
        }
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            problems.add(path + ".bucket", Rules.quote(bucket) + " is not an S3 bucket name; use 3 to 63 lower-case"
                    + " letters, digits, '.' and '-', starting and ending with a letter or digit");
        }
        if (prefix != null || requirePrefix) {
            prefix(path + ".prefix", prefix, problems);
        }
        if (existingSecret == null) {
            problems.add(path + ".existingSecret", "is required: the Secret in the cluster's namespace with the keys"
                    + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        } else {
            Rules.dnsSubdomain(path + ".existingSecret", existingSecret, problems);
        }
    }

    static void prefix(String path, String value, Problems problems) {
        if (value == null || !PREFIX.matcher(value).matches() || value.length() > 200) {
            problems.add(path, Rules.quote(value) + " is not a prefix; use path segments of letters, digits, '.', '_'"
                    + " and '-' separated by '/', without a leading or trailing '/', e.g. prod/mysql");
        }
    }

    /** The endpoint without a trailing slash, as rclone takes it. */
    public String endpointUrl() {
        return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }
}
