package mysqlcluster.objectbucket;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

/**
 * The claim's spec as this program sets it: the bucket StorageClass, and a prefix for the bucket's generated name
 * (a fixed bucketName is "not recommended for new buckets since names must be unique within an entire object store").
 */
public final class ObjectBucketClaimSpecArgs extends ResourceArgs {
    @Import(name = "storageClassName", required = true)
    private Output<String> storageClassName;

    @Import(name = "generateBucketName", required = true)
    private Output<String> generateBucketName;

    private ObjectBucketClaimSpecArgs() {
    }

    public static ObjectBucketClaimSpecArgs of(Output<String> storageClassName, String generateBucketName) {
        var args = new ObjectBucketClaimSpecArgs();
        args.storageClassName = storageClassName;
        args.generateBucketName = Output.of(generateBucketName);
        return args;
    }
}
