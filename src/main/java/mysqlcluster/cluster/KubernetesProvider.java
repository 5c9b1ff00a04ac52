package mysqlcluster.cluster;

/**
 * The pulumi-kubernetes provider every resource of the program asks the engine for. The Java SDK
 * (com.pulumi:kubernetes 4.0.0, the newest Maven Central serves) would ask for provider 4.0.0, which replaces a
 * Secret given by stringData on every update (fixed in 4.0.2); its Java types work with this newer provider, whose
 * schema only grew. This is the version the end-to-end suite runs (src/test/resources/engine/tools.conf; a test
 * keeps the two equal), and what `pulumi up` downloads where automatic plugin downloads are on.
 */
public final class KubernetesProvider {
    public static final String VERSION = "4.25.0";

    private KubernetesProvider() {
    }
}
