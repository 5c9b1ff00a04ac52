package mysqlcluster.objectbucket;

import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import mysqlcluster.crd.CustomObjectArgs;

/**
 * The bucket provisioning library's {@code objectbucket.io/v1alpha1} ObjectBucketClaim (served by Rook, whose CRD
 * file has it) as a typed Pulumi resource, through the type token {@code kubernetes:<group>/<version>:<kind>} like the
 * CephBlockPool. Rook answers it with a bucket and, named like the claim in its namespace, a ConfigMap
 * (BUCKET_HOST, BUCKET_PORT, BUCKET_NAME) and a Secret (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY): Rook v1.18.9's
 * Documentation/Storage-Configuration/Object-Storage-RGW/ceph-object-bucket-claim.md.
 */
@ResourceType(type = ObjectBucketClaim.TYPE)
public class ObjectBucketClaim extends CustomResource {
    public static final String API_VERSION = "objectbucket.io/v1alpha1";
    public static final String KIND = "ObjectBucketClaim";
    /** The name of the CustomResourceDefinition of the kind. */
    public static final String CRD = "objectbucketclaims.objectbucket.io";
    static final String TYPE = "kubernetes:objectbucket.io/v1alpha1:ObjectBucketClaim";

    /** The ConfigMap's keys Rook fills: the endpoint's host (no scheme) and port, and the generated bucket name. */
    public static final String HOST_KEY = "BUCKET_HOST";
    public static final String PORT_KEY = "BUCKET_PORT";
    public static final String BUCKET_KEY = "BUCKET_NAME";

    public ObjectBucketClaim(String name, CustomObjectArgs<ObjectBucketClaimSpecArgs> args,
                             CustomResourceOptions options) {
        super(TYPE, name, args.typed(API_VERSION, KIND), options);
    }
}
