package mysqlcluster.cluster;

import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.ExecActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mysqlcluster.settings.ContainerResources;
import mysqlcluster.settings.Password;
import mysqlcluster.settings.Settings;

/**
 * The pod's containers, in the seed's order: pick the config by ordinal, clone from the previous peer, the server,
 * the sidecar that starts replication (and, for engines that stream backups, serves clones to the next peer), and the
 * metrics exporter (unless turned off). Every container but the exporter runs the server image: it has the client, and the clone tools (MySQL's CLONE
 * plugin, MariaDB's mariadb-backup, mbstream and socat).
 */
final class Containers {
    private Containers() {
    }

    static List<ContainerArgs> init(Settings settings, Names names) {
        var initConfigEnv = new ArrayList<EnvVarArgs>(ScriptEnv.layout(settings, names));
        initConfigEnv.addAll(ScriptEnv.exporterPassword(settings, names));
        var initConfigMounts = new ArrayList<>(List.of(mount(PodLayout.CONF_VOLUME, PodLayout.CONF_D_DIR), configMount()));
        if (settings.monitoring().exporter()) {
            initConfigMounts.add(mount(PodLayout.EXPORTER_CONFIG_VOLUME, PodLayout.EXPORTER_CONFIG_DIR));
        }
        var initConfig = script(PodLayout.INIT_CONFIG_CONTAINER, settings.serverImage(), "init-config.sh",
                initConfigEnv, settings.resources().sidecar())
                .volumeMounts(initConfigMounts)
                .build();
        var cloneEnv = new ArrayList<EnvVarArgs>(ScriptEnv.layout(settings, names));
        cloneEnv.add(ScriptEnv.cloneMemory(settings));
        // pod 0's clone step initialises the datadir and its accounts
        cloneEnv.add(ScriptEnv.secret(ScriptEnv.ROOT_PASSWORD, names, Password.ROOT));
        cloneEnv.addAll(ScriptEnv.appUser(settings, names));
        if (settings.restore().isSet()) {
            cloneEnv.add(ScriptEnv.restoreStage());
        }
        if (!settings.engine().streamsBackups()) {
            // MySQL's clone logs in to the donor's server as the backup user
            cloneEnv.add(ScriptEnv.secret(ScriptEnv.BACKUP_PASSWORD, names, Password.BACKUP));
        }
        var clone = script(PodLayout.CLONE_CONTAINER, settings.serverImage(), "clone.sh",
                cloneEnv, settings.resources().sidecar())
                .volumeMounts(mount(PodLayout.DATA_VOLUME, PodLayout.VOLUME_DIR),
                        mount(PodLayout.CONF_VOLUME, PodLayout.CONF_D_DIR), configMount(), tmpMount())
                .build();
        if (settings.restore().isSet()) {
            return List.of(initConfig, restoreFetch(settings, names), clone);
        }
        return List.of(initConfig, clone);
    }

    static List<ContainerArgs> main(Settings settings, Names names) {
        var containers = new ArrayList<>(List.of(server(settings, names), sidecar(settings, names)));
        if (settings.monitoring().exporter()) {
            containers.add(exporter(settings));
        }
        if (settings.backup().enabled()) {
            containers.add(archiver(settings, names));
        }
        return containers;
    }

    /**
     * Uploader image, on ordinal 0 (the primary; idle elsewhere): every closed binary log file to the bucket, with its
     * index, checked for continuity (uploader/archive-binlogs.sh); it reads the datadir, never writes it. Its metrics
     * are served on the port archive-metrics (uploader/archiver.sh).
     */
    private static ContainerArgs archiver(Settings settings, Names names) {
        var bucket = BucketAccess.backup(settings, names);
        var env = new ArrayList<EnvVarArgs>(bucket.env());
        env.addAll(ScriptEnv.archive(settings));
        return uploader(PodLayout.ARCHIVER_CONTAINER, settings, "archiver.sh", env)
                .ports(ContainerPortArgs.builder().name(PodLayout.ARCHIVE_METRICS_PORT_NAME)
                        .containerPort(PodLayout.ARCHIVE_METRICS_PORT).protocol("TCP").build())
                .volumeMounts(VolumeMountArgs.builder().name(PodLayout.DATA_VOLUME).mountPath(PodLayout.DATA_DIR)
                                .subPath(PodLayout.DATA_SUB_PATH).readOnly(true).build(),
                        configMount(), tmpMount(), bucket.keysMount())
                .build();
    }

    /**
     * Uploader image, before the clone step on a stack with restore.*: on ordinal 0 without a datadir, the backup and
     * the binary logs up to the restore's target, fetched and checked onto the data volume for the clone step, which
     * makes them the datadir (uploader/restore-stage.sh). Elsewhere, and once the datadir exists, it does nothing.
     */
    private static ContainerArgs restoreFetch(Settings settings, Names names) {
        var bucket = BucketAccess.restore(settings);
        var env = new ArrayList<EnvVarArgs>(ScriptEnv.layout(settings, names));
        env.addAll(bucket.env());
        env.addAll(ScriptEnv.restore(settings));
        return uploader(PodLayout.RESTORE_FETCH_CONTAINER, settings, "restore-stage.sh", env)
                .volumeMounts(mount(PodLayout.DATA_VOLUME, PodLayout.VOLUME_DIR), configMount(), tmpMount(),
                        bucket.keysMount())
                .build();
    }

    /**
     * The backup job's first step (server image): the donor, a ready replica (the primary only when none is),
     * written to the work volume; on MySQL, the donor's clone received into it too (backup-donor.sh).
     */
    static ContainerArgs backupDonor(Settings settings, Names names) {
        var env = new ArrayList<EnvVarArgs>(ScriptEnv.layout(settings, names));
        env.addAll(ScriptEnv.backupJob(settings, names));
        env.add(ScriptEnv.cloneMemory(settings));
        if (!settings.engine().streamsBackups()) {
            env.add(ScriptEnv.secret(ScriptEnv.BACKUP_PASSWORD, names, Password.BACKUP));
        }
        return script(PodLayout.BACKUP_DONOR_CONTAINER, settings.serverImage(), "backup-donor.sh", env,
                settings.resources().sidecar())
                .volumeMounts(mount(PodLayout.BACKUP_WORK_VOLUME, PodLayout.BACKUP_WORK_DIR), configMount(), tmpMount())
                .build();
    }

    /** The backup job's upload (uploader image): the backup streamed to the bucket, then retention. */
    static ContainerArgs backupUpload(Settings settings, BucketAccess bucket) {
        var env = new ArrayList<EnvVarArgs>(bucket.env());
        env.addAll(ScriptEnv.upload(settings));
        return uploader(PodLayout.BACKUP_UPLOAD_CONTAINER, settings, "backup-job.sh", env)
                .volumeMounts(mount(PodLayout.BACKUP_WORK_VOLUME, PodLayout.BACKUP_WORK_DIR), configMount(), tmpMount(),
                        bucket.keysMount())
                .build();
    }

    /** A container of the uploader image running one of its scripts with busybox's sh. */
    private static ContainerArgs.Builder uploader(String name, Settings settings, String script, List<EnvVarArgs> env) {
        return ContainerArgs.builder()
                .name(name)
                .image(settings.images().uploader())
                .command(List.of("sh", PodLayout.CONFIG_DIR + "/" + script))
                .env(env)
                .resources(resources(settings.resources().sidecar()))
                .securityContext(PodSecurity.container());
    }

    /**
     * The image's own entrypoint starts the server on the datadir the clone step made complete (it never initialises
     * one: the official entrypoints would put the passwords into SQL unescaped, and cannot redo an initialisation cut
     * short). The probes log in as root.
     */
    private static ContainerArgs server(Settings settings, Names names) {
        var env = new ArrayList<EnvVarArgs>(ScriptEnv.layout(settings, names));
        env.add(ScriptEnv.secret(ScriptEnv.ROOT_PASSWORD, names, Password.ROOT));
        env.addAll(ScriptEnv.readiness(settings));
        return ContainerArgs.builder()
                .name(PodLayout.SERVER_CONTAINER)
                .image(settings.serverImage())
                .env(env)
                .ports(ContainerPortArgs.builder().name(PodLayout.MYSQL_PORT_NAME)
                        .containerPort(PodLayout.MYSQL_PORT).protocol("TCP").build())
                .volumeMounts(dataMount(), mount(PodLayout.CONF_VOLUME, PodLayout.CONF_D_DIR), configMount(), tmpMount())
                .resources(resources(settings.resources().server()))
                .securityContext(PodSecurity.container())
                .startupProbe(probe("alive", 10, 5, 60))
                .livenessProbe(probe("alive", 10, 5, 3))
                .readinessProbe(probe("ready", 5, 3, 3))
                .build();
    }

    private static ContainerArgs sidecar(Settings settings, Names names) {
        var env = ScriptEnv.withPasswords(settings, names);
        env.addAll(ScriptEnv.rotation(settings));
        var sidecar = script(PodLayout.SIDECAR_CONTAINER, settings.serverImage(), "sidecar.sh",
                env, settings.resources().sidecar())
                .volumeMounts(dataMount(), mount(PodLayout.CONF_VOLUME, PodLayout.CONF_D_DIR), configMount(), tmpMount());
        if (settings.engine().streamsBackups()) {
            sidecar.ports(ContainerPortArgs.builder().name(PodLayout.CLONE_PORT_NAME)
                    .containerPort(PodLayout.CLONE_PORT).protocol("TCP").build());
        }
        return sidecar.build();
    }

    /**
     * mysqld_exporter through its image's own entrypoint, scraping this pod's server as the exporter user of the
     * option file init-config.sh wrote (flags as in prometheus/mysqld_exporter's mysqld_exporter.go at v0.19.0).
     */
    private static ContainerArgs exporter(Settings settings) {
        return ContainerArgs.builder()
                .name(PodLayout.EXPORTER_CONTAINER)
                .image(settings.images().exporter())
                .args(exporterArgs())
                .ports(ContainerPortArgs.builder().name(PodLayout.METRICS_PORT_NAME)
                        .containerPort(PodLayout.METRICS_PORT).protocol("TCP").build())
                .volumeMounts(VolumeMountArgs.builder().name(PodLayout.EXPORTER_CONFIG_VOLUME)
                        .mountPath(PodLayout.EXPORTER_CONFIG_DIR).readOnly(true).build())
                .resources(resources(settings.resources().exporter()))
                .securityContext(PodSecurity.container())
                .build();
    }

    static List<String> exporterArgs() {
        return List.of("--config.my-cnf=" + ScriptEnv.exporterConfigFile(),
                "--web.listen-address=:" + PodLayout.METRICS_PORT);
    }

    private static ContainerArgs.Builder script(String name, String image, String script, List<EnvVarArgs> env,
                                                ContainerResources resources) {
        return ContainerArgs.builder()
                .name(name)
                .image(image)
                .command(scriptCommand(script))
                .env(env)
                .resources(resources(resources))
                .securityContext(PodSecurity.container());
    }

    static List<String> scriptCommand(String script, String... args) {
        var command = new ArrayList<>(List.of("bash", PodLayout.CONFIG_DIR + "/" + script));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * An exec probe through probe.sh: "alive" (the process answers) or "ready" (an authenticated query works and, on a
     * replica, replication runs with a lag under the configured maximum).
     */
    private static ProbeArgs probe(String check, int periodSeconds, int timeoutSeconds, int failureThreshold) {
        return ProbeArgs.builder()
                .exec(ExecActionArgs.builder().command(scriptCommand("probe.sh", check)).build())
                .periodSeconds(periodSeconds)
                .timeoutSeconds(timeoutSeconds)
                .failureThreshold(failureThreshold)
                .build();
    }

    private static ResourceRequirementsArgs resources(ContainerResources r) {
        return ResourceRequirementsArgs.builder()
                .requests(Map.of("cpu", r.cpu(), "memory", r.memory()))
                .limits(Map.of("memory", r.memoryLimit()))
                .build();
    }

    private static VolumeMountArgs dataMount() {
        return VolumeMountArgs.builder().name(PodLayout.DATA_VOLUME).mountPath(PodLayout.DATA_DIR)
                .subPath(PodLayout.DATA_SUB_PATH).build();
    }

    private static VolumeMountArgs configMount() {
        return VolumeMountArgs.builder().name(PodLayout.CONFIG_VOLUME).mountPath(PodLayout.CONFIG_DIR).readOnly(true).build();
    }

    private static VolumeMountArgs tmpMount() {
        return mount(PodLayout.TMP_VOLUME, PodLayout.TMP_DIR);
    }

    private static VolumeMountArgs mount(String volume, String path) {
        return VolumeMountArgs.builder().name(volume).mountPath(path).build();
    }
}
