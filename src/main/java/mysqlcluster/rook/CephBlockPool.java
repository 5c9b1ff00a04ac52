package mysqlcluster.rook;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.kubernetes.meta.v1.outputs.ObjectMeta;
import com.pulumi.resources.CustomResourceOptions;
import mysqlcluster.crd.CustomObjectArgs;
import mysqlcluster.rook.inputs.CephBlockPoolSpecArgs;
import mysqlcluster.rook.outputs.CephBlockPoolSpec;

/**
 * Rook's {@code ceph.rook.io/v1} CephBlockPool as a typed Pulumi resource, in the shape crd2pulumi generates for Java.
 * pulumi-kubernetes serves any CRD kind through the type token {@code kubernetes:<group>/<version>:<kind>}.
 */
@ResourceType(type = "kubernetes:ceph.rook.io/v1:CephBlockPool")
public class CephBlockPool extends com.pulumi.resources.CustomResource {
    public static final String API_VERSION = "ceph.rook.io/v1";
    public static final String KIND = "CephBlockPool";
    /** The name of Rook's CustomResourceDefinition of the kind. */
    public static final String CRD = "cephblockpools.ceph.rook.io";

    @Export(name = "apiVersion", refs = {String.class}, tree = "[0]")
    private Output<String> apiVersion;

    @Export(name = "kind", refs = {String.class}, tree = "[0]")
    private Output<String> kind;

    @Export(name = "metadata", refs = {ObjectMeta.class}, tree = "[0]")
    private Output<ObjectMeta> metadata;

    @Export(name = "spec", refs = {CephBlockPoolSpec.class}, tree = "[0]")
    private Output<CephBlockPoolSpec> spec;

    public Output<String> apiVersion() {
        return apiVersion;
    }

    public Output<String> kind() {
        return kind;
    }

    public Output<ObjectMeta> metadata() {
        return metadata;
    }

    public Output<CephBlockPoolSpec> spec() {
        return spec;
    }

    public CephBlockPool(String name, CustomObjectArgs<CephBlockPoolSpecArgs> args, CustomResourceOptions options) {
        super("kubernetes:ceph.rook.io/v1:CephBlockPool", name, args.typed(API_VERSION, KIND), options);
    }
}
