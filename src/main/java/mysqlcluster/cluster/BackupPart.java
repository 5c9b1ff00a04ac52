package mysqlcluster.cluster;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.batch.v1.CronJob;
import com.pulumi.kubernetes.batch.v1.CronJobArgs;
import com.pulumi.kubernetes.batch.v1.inputs.CronJobSpecArgs;
import com.pulumi.kubernetes.batch.v1.inputs.JobSpecArgs;
import com.pulumi.kubernetes.batch.v1.inputs.JobTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ConfigMapVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EphemeralVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.PersistentVolumeClaimSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PersistentVolumeClaimTemplateArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.storage.v1.StorageClass;
import com.pulumi.kubernetes.storage.v1.StorageClassArgs;
import com.pulumi.resources.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mysqlcluster.crd.CustomObjectArgs;
import mysqlcluster.objectbucket.ObjectBucketClaim;
import mysqlcluster.objectbucket.ObjectBucketClaimSpecArgs;
import mysqlcluster.settings.Settings;

/**
 * The backups' bucket and the job that fills it. With backup.objectStore: a bucket StorageClass of that Rook
 * CephObjectStore, reclaim Retain (deleting the claim never deletes the backups), and the ObjectBucketClaim, kept and
 * protected like the pool in stacks with cluster.protect. With backup.enabled: the CronJob of full backups (the
 * binary log archive runs in the pods: Containers.archiver).
 */
record BackupPart(Optional<StorageClass> bucketClass, Optional<ObjectBucketClaim> claim, Optional<CronJob> cronJob) {
    static final String BUCKET_RECLAIM_POLICY = "Retain";
    /** Kubernetes runs the schedule in this zone (CronJob spec.timeZone), whatever the controller's own is. */
    static final String TIME_ZONE = "Etc/UTC";
    /** A run missed by less than this (controller down, a node drained) still starts. */
    static final int STARTING_DEADLINE_SECONDS = 3600;
    static final int JOBS_KEPT = 3;
    /** One retry of a failed backup (a donor restarting under it) before the run counts as failed. */
    static final int BACKOFF_LIMIT = 1;
    /**
     * S3 takes at most 10,000 parts per object, and a stream of unknown length is cut into parts of one fixed size:
     * the largest backup, a full data volume, must fit in 9,000 of them (a tenth to spare for the stream's own
     * overhead: tar headers, mariadb-backup's redo copy). rclone's default part, S3's smallest, is 5 MiB: streams
     * stopped at 48.8 GiB.
     */
    static final long STREAM_PARTS = 9000;
    static final long MIN_STREAM_CHUNK_MIB = 5;

    static BackupPart declare(Settings settings, Names names, NamespacePart namespace, ServerConfigPart config,
                              StoragePart storage, Resource parent) {
        var backup = settings.backup();
        Optional<StorageClass> bucketClass = Optional.empty();
        Optional<ObjectBucketClaim> claim = Optional.empty();
        if (backup.claimsBucket()) {
            boolean protect = settings.cluster().protect();
            var storeNamespace = names.bucketStoreNamespace();
            var cls = new StorageClass(names.bucketClass(), StorageClassArgs.builder()
                    .metadata(Meta.clusterScoped(names, names.bucketClass()))
                    .provisioner(bucketProvisioner(storeNamespace))
                    .parameters(Map.of("objectStoreName", backup.objectStore(),
                            "objectStoreNamespace", storeNamespace))
                    .reclaimPolicy(BUCKET_RECLAIM_POLICY)
                    .build(), Options.child(parent).dependsOn(namespace.gate()).build());
            var obc = new ObjectBucketClaim(names.backup(), CustomObjectArgs.of(
                    Meta.namespaced(names, names.backup()),
                    ObjectBucketClaimSpecArgs.of(cls.metadata().applyValue(m -> m.name().orElseThrow()),
                            names.backup())),
                    Options.inNamespace(parent, namespace).protect(protect).retainOnDelete(protect).build());
            bucketClass = Optional.of(cls);
            claim = Optional.of(obc);
        }
        Optional<CronJob> cronJob = backup.enabled()
                ? Optional.of(cronJob(settings, names, namespace, config, storage, claim, parent))
                : Optional.empty();
        return new BackupPart(bucketClass, claim, cronJob);
    }

    /** Rook's bucket provisioner: named by the CephCluster's namespace, where the object store lives. */
    static String bucketProvisioner(String storeNamespace) {
        return storeNamespace + ".ceph.rook.io/bucket";
    }

    private static CronJob cronJob(Settings settings, Names names, NamespacePart namespace, ServerConfigPart config,
                                   StoragePart storage, Optional<ObjectBucketClaim> claim, Resource parent) {
        var bucket = BucketAccess.backup(settings, names);
        var volumes = new ArrayList<VolumeArgs>(List.of(
                workVolume(settings, storage.storageClassName()),
                VolumeArgs.builder().name(PodLayout.CONFIG_VOLUME)
                        .configMap(ConfigMapVolumeSourceArgs.builder().name(config.name()).build()).build(),
                VolumeArgs.builder().name(PodLayout.TMP_VOLUME)
                        .emptyDir(EmptyDirVolumeSourceArgs.builder().build()).build(),
                bucket.keysVolume()));
        var pod = PodSpecArgs.builder()
                .restartPolicy("Never")
                .securityContext(PodSecurity.pod())
                .initContainers(Containers.backupDonor(settings, names))
                .containers(Containers.backupUpload(settings, bucket))
                .volumes(volumes)
                .build();
        var job = JobSpecArgs.builder()
                .backoffLimit(BACKOFF_LIMIT)
                .activeDeadlineSeconds(deadlineSeconds(settings))
                .template(PodTemplateSpecArgs.builder()
                        .metadata(ObjectMetaArgs.builder().labels(names.backupLabels()).build())
                        .spec(pod)
                        .build())
                .build();
        var spec = CronJobSpecArgs.builder()
                .schedule(settings.backup().schedule())
                .timeZone(TIME_ZONE)
                .concurrencyPolicy("Forbid")
                .startingDeadlineSeconds(STARTING_DEADLINE_SECONDS)
                .successfulJobsHistoryLimit(JOBS_KEPT)
                .failedJobsHistoryLimit(JOBS_KEPT)
                .jobTemplate(JobTemplateSpecArgs.builder()
                        .metadata(ObjectMetaArgs.builder().labels(names.backupLabels()).build())
                        .spec(job)
                        .build())
                .build();
        var options = Options.inNamespace(parent, namespace).dependsOn(dependencies(namespace, config, claim));
        return new CronJob(names.backup(), CronJobArgs.builder()
                .metadata(ObjectMetaArgs.builder(Meta.namespaced(names, names.backup()))
                        .labels(names.backupLabels()).build())
                .spec(spec)
                .build(), options.build());
    }

    private static List<Resource> dependencies(NamespacePart namespace, ServerConfigPart config,
                                               Optional<ObjectBucketClaim> claim) {
        var dependencies = new ArrayList<Resource>();
        namespace.resource().ifPresentOrElse(dependencies::add, () -> dependencies.addAll(namespace.gate()));
        dependencies.add(config.configMap());
        claim.ifPresent(dependencies::add);
        return dependencies;
    }

    /**
     * MySQL's clone lands in the job's own volume, as large as a pod's data volume (a generic ephemeral volume of the
     * cluster's StorageClass, deleted with the job's pod): the node's disk need not hold a copy of the data. MariaDB's
     * stream passes through the job without touching a disk.
     */
    private static VolumeArgs workVolume(Settings settings, Output<String> storageClassName) {
        var volume = VolumeArgs.builder().name(PodLayout.BACKUP_WORK_VOLUME);
        if (settings.engine().streamsBackups()) {
            return volume.emptyDir(EmptyDirVolumeSourceArgs.builder().build()).build();
        }
        return volume.ephemeral(EphemeralVolumeSourceArgs.builder()
                .volumeClaimTemplate(PersistentVolumeClaimTemplateArgs.builder()
                        .spec(PersistentVolumeClaimSpecArgs.builder()
                                .accessModes("ReadWriteOnce")
                                .storageClassName(storageClassName)
                                .resources(ResourceRequirementsArgs.builder()
                                        .requests(Map.of("storage", settings.storage().volumeSize())).build())
                                .build())
                        .build())
                .build()).build();
    }

    /**
     * The part size of a backup's upload (rclone's --s3-chunk-size, in MiB: "23M"), from storage.volumeSize. rclone
     * holds --s3-upload-concurrency (4) of them in memory.
     */
    static String streamChunkSize(Settings settings) {
        long volumeMiB = Quantities.mebibytes(settings.storage().volumeSize());
        return Math.max(MIN_STREAM_CHUNK_MIB, (volumeMiB + STREAM_PARTS - 1) / STREAM_PARTS) + "M";
    }

    /**
     * How long one run may take: 10 minutes plus twice the time to copy a full volume at the configured clone rate
     * (MySQL copies it twice: clone, then upload).
     */
    static int deadlineSeconds(Settings settings) {
        long volumeMiB = Quantities.mebibytes(settings.storage().volumeSize());
        return (int) (600 + 2 * volumeMiB / settings.rollout().cloneMiBPerSecond());
    }
}
