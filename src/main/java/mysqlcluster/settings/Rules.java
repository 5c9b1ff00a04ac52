package mysqlcluster.settings;

import java.util.Collection;
import java.util.regex.Pattern;

/** Small value checks shared by the settings records; each adds a problem naming the key and what is allowed. */
final class Rules {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** Kubernetes resource quantity: a plain number with an optional binary or decimal suffix. */
    private static final Pattern QUANTITY = Pattern.compile("[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");
    /** An image reference pinned by tag or digest: repository[:tag][@sha256:digest], with a tag or digest required. */
    private static final Pattern IMAGE = Pattern.compile(
            "[a-z0-9]+([._/-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*(:(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(@sha256:[a-f0-9]{64})?");

    private Rules() {
    }

    static void dnsLabel(String path, String value, int maxLength, Problems problems) {
        if (value == null || !DNS_LABEL.matcher(value).matches() || value.length() > maxLength) {
            problems.add(path, quote(value) + " is not a valid name; use lower-case letters, digits and '-', "
                    + "starting with a letter, at most " + maxLength + " characters");
        }
    }

    static void dnsSubdomain(String path, String value, Problems problems) {
        if (value == null || !DNS_SUBDOMAIN.matcher(value).matches() || value.length() > 253) {
            problems.add(path, quote(value) + " is not a valid Kubernetes name; use lower-case letters, digits, '-' and '.'");
        }
    }

    static void oneOf(String path, String value, Collection<String> allowed, Problems problems) {
        if (value == null || !allowed.contains(value)) {
            problems.add(path, quote(value) + " is not allowed; use one of " + String.join(", ", allowed));
        }
    }

    static void atLeast(String path, Integer value, int min, Problems problems) {
        if (value == null || value < min) {
            problems.add(path, value + " is too small; use an integer >= " + min);
        }
    }

    static void range(String path, Integer value, int min, int max, Problems problems) {
        if (value == null || value < min || value > max) {
            problems.add(path, value + " is out of range; use an integer from " + min + " to " + max);
        }
    }

    static void quantity(String path, String value, String example, Problems problems) {
        if (value == null || !QUANTITY.matcher(value).matches()) {
            problems.add(path, quote(value) + " is not a Kubernetes quantity; use e.g. " + example);
        }
    }

    static void pinnedImage(String path, String value, Problems problems) {
        var m = value == null ? null : IMAGE.matcher(value);
        if (m == null || !m.matches() || (m.group("tag") == null && !value.contains("@sha256:"))) {
            problems.add(path, quote(value) + " is not a pinned image; use repository:tag or repository@sha256:digest, e.g. mysql:8.4.10");
        } else if ("latest".equals(m.group("tag"))) {
            problems.add(path, quote(value) + " uses the moving tag 'latest'; pin an exact version tag or a digest");
        }
    }

    static String quote(String value) {
        return value == null ? "(empty)" : "\"" + value + "\"";
    }
}
