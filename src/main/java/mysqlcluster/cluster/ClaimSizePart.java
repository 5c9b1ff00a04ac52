package mysqlcluster.cluster;

import com.pulumi.kubernetes.apps.v1.StatefulSet;
import com.pulumi.kubernetes.core.v1.PersistentVolumeClaimPatch;
import com.pulumi.kubernetes.core.v1.PersistentVolumeClaimPatchArgs;
import com.pulumi.kubernetes.core.v1.inputs.PersistentVolumeClaimSpecPatchArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsPatchArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaPatchArgs;
import com.pulumi.resources.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mysqlcluster.settings.Settings;

/**
 * Keeps every pod's claim at storage.volumeSize. The StatefulSet creates the claims from its volumeClaimTemplates,
 * which Kubernetes never lets change (and the provider would replace the StatefulSet to change them, every pod at
 * once): so the template is left as it was created, and a larger volumeSize reaches the claims through server-side
 * apply patches, one per ordinal, which Ceph's CSI driver expands online.
 */
record ClaimSizePart(List<PersistentVolumeClaimPatch> patches) {
    /** Takes the size field over from the StatefulSet controller, which created the claim. */
    static final String PATCH_FORCE_ANNOTATION = "pulumi.com/patchForce";
    /**
     * The provider's own wait for a claim of a WaitForFirstConsumer class, on create, is for the phase Pending
     * (pulumi-kubernetes provider/pkg/await/awaiters.go, untilCoreV1PersistentVolumeClaimReady, v4.25.0 to v4.32.0):
     * a patch of a claim the StatefulSet's pods already use never sees it, and failed every first `pulumi up` after
     * five minutes. A JSONPath wait for Bound instead kept, now and then, an object from before the patch as the
     * patch's outputs, and the next preview proposed the patch again. The claims exist and are bound once the
     * StatefulSet (which the patches depend on) has rolled out: the patches do not wait.
     */
    static final String SKIP_AWAIT_ANNOTATION = "pulumi.com/skipAwait";

    static ClaimSizePart declare(Settings settings, Names names, StatefulSet statefulSet, Resource parent) {
        var patches = new ArrayList<PersistentVolumeClaimPatch>();
        for (int ordinal = 0; ordinal < settings.cluster().replicas(); ordinal++) {
            String claim = names.claim(ordinal);
            patches.add(new PersistentVolumeClaimPatch(claim, PersistentVolumeClaimPatchArgs.builder()
                    .metadata(ObjectMetaPatchArgs.builder()
                            .name(claim)
                            .namespace(names.namespace())
                            .annotations(Map.of(PATCH_FORCE_ANNOTATION, "true", SKIP_AWAIT_ANNOTATION, "true"))
                            .build())
                    .spec(PersistentVolumeClaimSpecPatchArgs.builder()
                            .resources(ResourceRequirementsPatchArgs.builder()
                                    .requests(Map.of("storage", settings.storage().volumeSize()))
                                    .build())
                            .build())
                    .build(), Options.child(parent)
                    // the claim exists once the StatefulSet has its pods; on scale-down the claim stays as it is
                    .dependsOn(statefulSet)
                    .retainOnDelete(true)
                    .build()));
        }
        return new ClaimSizePart(List.copyOf(patches));
    }
}
