package mysqlcluster.cluster;

import com.pulumi.kubernetes.core.v1.inputs.ConfigMapKeySelectorArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.KeyToPathArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import java.util.ArrayList;
import java.util.List;
import mysqlcluster.objectbucket.ObjectBucketClaim;
import mysqlcluster.settings.S3Location;
import mysqlcluster.settings.Settings;

/**
 * How an uploader container reaches a bucket (uploader/s3.sh): S3_ENDPOINT, S3_BUCKET and S3_PREFIX in its
 * environment, and the keys as files from a Secret volume at S3_KEYS_DIR, never as environment variables. A claimed
 * bucket's endpoint and name come from the claim's ConfigMap (the endpoint over plain HTTP inside the cluster, on the
 * gateway's port); a platform bucket's from the settings.
 */
record BucketAccess(List<EnvVarArgs> env, VolumeArgs keysVolume, VolumeMountArgs keysMount) {
    static final String ACCESS_KEY = "AWS_ACCESS_KEY_ID";
    static final String SECRET_KEY = "AWS_SECRET_ACCESS_KEY";
    /** Readable by the pods' group (fsGroup), by no one else. */
    static final int KEYS_MODE = 0440;

    /** The backups' bucket: claimed (backup.objectStore) or the platform's (backup.s3). */
    static BucketAccess backup(Settings settings, Names names) {
        var env = new ArrayList<EnvVarArgs>();
        String secret;
        if (settings.backup().claimsBucket()) {
            env.add(fromClaim("BUCKET_HOST", names, ObjectBucketClaim.HOST_KEY));
            env.add(fromClaim("BUCKET_PORT", names, ObjectBucketClaim.PORT_KEY));
            // Kubernetes expands $(NAME) from the variables above it
            env.add(ScriptEnv.value("S3_ENDPOINT", "http://$(BUCKET_HOST):$(BUCKET_PORT)"));
            env.add(fromClaim("S3_BUCKET", names, ObjectBucketClaim.BUCKET_KEY));
            secret = names.backup();
        } else {
            S3Location s3 = settings.backup().s3();
            env.add(ScriptEnv.value("S3_ENDPOINT", s3.endpointUrl()));
            env.add(ScriptEnv.value("S3_BUCKET", s3.bucket()));
            secret = s3.existingSecret();
        }
        env.add(ScriptEnv.value("S3_PREFIX", names.backupPrefix()));
        env.add(ScriptEnv.value("S3_KEYS_DIR", PodLayout.BUCKET_KEYS_DIR));
        return new BucketAccess(env, keys(PodLayout.BUCKET_KEYS_VOLUME, secret),
                mount(PodLayout.BUCKET_KEYS_VOLUME, PodLayout.BUCKET_KEYS_DIR));
    }

    /** The bucket a restore takes its backup and logs from (restore.from). */
    static BucketAccess restore(Settings settings) {
        S3Location from = settings.restore().from();
        var env = List.of(ScriptEnv.value("S3_ENDPOINT", from.endpointUrl()),
                ScriptEnv.value("S3_BUCKET", from.bucket()),
                ScriptEnv.value("S3_PREFIX", from.prefix()),
                ScriptEnv.value("S3_KEYS_DIR", PodLayout.RESTORE_KEYS_DIR));
        return new BucketAccess(env, keys(PodLayout.RESTORE_KEYS_VOLUME, from.existingSecret()),
                mount(PodLayout.RESTORE_KEYS_VOLUME, PodLayout.RESTORE_KEYS_DIR));
    }

    private static EnvVarArgs fromClaim(String name, Names names, String key) {
        return EnvVarArgs.builder().name(name).valueFrom(EnvVarSourceArgs.builder()
                .configMapKeyRef(ConfigMapKeySelectorArgs.builder().name(names.backup()).key(key).build())
                .build()).build();
    }

    private static VolumeArgs keys(String volume, String secret) {
        return VolumeArgs.builder().name(volume).secret(SecretVolumeSourceArgs.builder()
                .secretName(secret)
                .defaultMode(KEYS_MODE)
                .items(KeyToPathArgs.builder().key(ACCESS_KEY).path(ACCESS_KEY).build(),
                        KeyToPathArgs.builder().key(SECRET_KEY).path(SECRET_KEY).build())
                .build()).build();
    }

    private static VolumeMountArgs mount(String volume, String path) {
        return VolumeMountArgs.builder().name(volume).mountPath(path).readOnly(true).build();
    }
}
