package mysqlcluster.cluster;

import java.math.BigDecimal;
import java.util.Map;

/** Converts validated Kubernetes quantities ("40Gi", "500M") to sizes. */
public final class Quantities {
    private static final Map<String, BigDecimal> SUFFIX = Map.ofEntries(
            Map.entry("", BigDecimal.ONE), Map.entry("m", new BigDecimal("0.001")),
            Map.entry("k", BigDecimal.TEN.pow(3)), Map.entry("M", BigDecimal.TEN.pow(6)),
            Map.entry("G", BigDecimal.TEN.pow(9)), Map.entry("T", BigDecimal.TEN.pow(12)),
            Map.entry("P", BigDecimal.TEN.pow(15)), Map.entry("E", BigDecimal.TEN.pow(18)),
            Map.entry("Ki", BigDecimal.valueOf(2).pow(10)), Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
            Map.entry("Gi", BigDecimal.valueOf(2).pow(30)), Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
            Map.entry("Pi", BigDecimal.valueOf(2).pow(50)), Map.entry("Ei", BigDecimal.valueOf(2).pow(60)));

    private Quantities() {
    }

    public static BigDecimal bytes(String quantity) {
        int split = 0;
        while (split < quantity.length() && (Character.isDigit(quantity.charAt(split)) || quantity.charAt(split) == '.')) {
            split++;
        }
        return new BigDecimal(quantity.substring(0, split)).multiply(SUFFIX.get(quantity.substring(split)));
    }

    static long mebibytes(String quantity) {
        return bytes(quantity).divide(BigDecimal.valueOf(2).pow(20), 0, java.math.RoundingMode.CEILING).longValueExact();
    }
}
