package mysqlcluster.cluster;

import com.pulumi.kubernetes.core.v1.inputs.CapabilitiesArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.SeccompProfileArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecurityContextArgs;

/** Pod Security Standard "restricted" for the pod and every container; fsGroup makes the volume writable. */
final class PodSecurity {
    private PodSecurity() {
    }

    static PodSecurityContextArgs pod() {
        return PodSecurityContextArgs.builder()
                .runAsNonRoot(true)
                .runAsUser((int) PodLayout.MYSQL_UID)
                .runAsGroup((int) PodLayout.MYSQL_UID)
                .fsGroup((int) PodLayout.MYSQL_UID)
                .fsGroupChangePolicy("OnRootMismatch")
                .seccompProfile(runtimeDefault())
                .build();
    }

    static SecurityContextArgs container() {
        return SecurityContextArgs.builder()
                .runAsNonRoot(true)
                .runAsUser((int) PodLayout.MYSQL_UID)
                .runAsGroup((int) PodLayout.MYSQL_UID)
                .allowPrivilegeEscalation(false)
                .privileged(false)
                .capabilities(CapabilitiesArgs.builder().drop("ALL").build())
                .seccompProfile(runtimeDefault())
                .build();
    }

    private static SeccompProfileArgs runtimeDefault() {
        return SeccompProfileArgs.builder().type("RuntimeDefault").build();
    }
}
