package mysqlcluster.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import mysqlcluster.Program;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.aggregator.ArgumentsAccessor;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.ExtendWith;
import mysqlcluster.QuietMockEngine;

/** Every kind of bad input stops the program with one exact message, before any resource is declared. */
@ExtendWith(QuietMockEngine.class)
class InvalidConfigTest {
    private static final String PASSWORDS = """
              mysql-cluster:rootPassword: {secure: v1:a:b}
              mysql-cluster:replicationPassword: {secure: v1:a:b}
              mysql-cluster:backupPassword: {secure: v1:a:b}
              mysql-cluster:exporterPassword: {secure: v1:a:b}
            """;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("mysql-cluster:cluster: {replicas: 0}",
                        "mysql-cluster:cluster.replicas: 0 is out of range; use an integer from 1 to 9"),
                Arguments.of("mysql-cluster:cluster: {replicas: three}",
                        "mysql-cluster:cluster.replicas: expected an integer, got \"three\""),
                Arguments.of("mysql-cluster:cluster: {replicas: 2.5}",
                        "mysql-cluster:cluster.replicas: expected an integer, got 2.5"),
                Arguments.of("mysql-cluster:cluster: {engine: postgres}",
                        "mysql-cluster:cluster.engine: \"postgres\" is not allowed; use one of mysql, mariadb"),
                Arguments.of("mysql-cluster:cluster: {name: MySQL}",
                        "mysql-cluster:cluster.name: \"MySQL\" is not a valid name; use lower-case letters, digits and "
                                + "'-', starting with a letter, at most 40 characters"),
                Arguments.of("mysql-cluster:cluster: {createNamespace: maybe}",
                        "mysql-cluster:cluster.createNamespace: expected true or false, got \"maybe\""),
                Arguments.of("mysql-cluster:cluster: 3",
                        "mysql-cluster:cluster: expected an object with the keys name, namespace, createNamespace, "
                                + "replicas, engine, version, serverIdOffset, protect, got 3"),
                Arguments.of("mysql-cluster:cluster: {version: '8.0'}",
                        "mysql-cluster:cluster.version: \"8.0\" is not allowed; use one of 8.4, 9.7"),
                Arguments.of("mysql-cluster:cluster: {engine: mariadb, version: '9.7'}",
                        "mysql-cluster:cluster.version: \"9.7\" is not allowed; use one of 10.11, 11.4, 11.8"),
                Arguments.of("mysql-cluster:colour: blue",
                        "mysql-cluster:colour: unknown key; allowed keys under mysql-cluster: are cluster, images, "
                                + "storage, resources, scheduling, network, credentials, rollout, server, "
                                + "monitoring, backup, restore, rootPassword, replicationPassword, backupPassword, "
                                + "appPassword, exporterPassword"),
                Arguments.of("mysql-cluster:backup: {enabled: true}",
                        "mysql-cluster:backup.enabled: is true but no target is named; set mysql-cluster:backup"
                                + ".objectStore (a Rook CephObjectStore to claim a bucket from) or mysql-cluster:backup"
                                + ".s3 (endpoint, bucket, existingSecret)"),
                Arguments.of("mysql-cluster:backup: {objectStore: store, s3: {endpoint: 'https://s3', bucket: b12,"
                                + " existingSecret: keys}}",
                        "mysql-cluster:backup.objectStore: is set together with mysql-cluster:backup.s3; name one "
                                + "target: a Rook CephObjectStore to claim a bucket from, or an S3 bucket of the platform"),
                Arguments.of("mysql-cluster:backup: {objectStore: store, schedule: '0 3 * *'}",
                        "mysql-cluster:backup.schedule: \"0 3 * *\" is not a schedule: 4 fields; use five fields "
                                + "(minute hour day-of-month month day-of-week, in UTC) of numbers, ranges, lists and "
                                + "steps, e.g. \"0 3 * * *\" (03:00 every day), or one of @yearly, @annually, "
                                + "@monthly, @weekly, @daily, @midnight, @hourly"),
                Arguments.of("mysql-cluster:backup: {objectStore: store, schedule: '0 24 * * *'}",
                        "mysql-cluster:backup.schedule: \"0 24 * * *\" is not a schedule: the hour field allows 0 "
                                + "to 23; use five fields (minute hour day-of-month month day-of-week, in UTC) of "
                                + "numbers, ranges, lists and steps, e.g. \"0 3 * * *\" (03:00 every day), or one of "
                                + "@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly"),
                Arguments.of("mysql-cluster:backup: {objectStore: store, schedule: '*/0 * * * MON'}",
                        "mysql-cluster:backup.schedule: \"*/0 * * * MON\" is not a schedule: a step of 0 in the "
                                + "minute field; use five fields (minute hour day-of-month month day-of-week, in UTC) "
                                + "of numbers, ranges, lists and steps, e.g. \"0 3 * * *\" (03:00 every day), or one "
                                + "of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly"),
                Arguments.of("mysql-cluster:backup: {objectStore: store, schedule: '@often'}",
                        "mysql-cluster:backup.schedule: \"@often\" is not a schedule: unknown descriptor; use five "
                                + "fields (minute hour day-of-month month day-of-week, in UTC) of numbers, ranges, "
                                + "lists and steps, e.g. \"0 3 * * *\" (03:00 every day), or one of @yearly, "
                                + "@annually, @monthly, @weekly, @daily, @midnight, @hourly"),
                Arguments.of("mysql-cluster:backup: {objectStore: store, schedule: '0 3 30 2 *'}",
                        "mysql-cluster:backup.schedule: \"0 3 30 2 *\" is not a schedule: it never comes (a day the "
                                + "month does not have); use five fields (minute hour day-of-month month day-of-week, "
                                + "in UTC) of numbers, ranges, lists and steps, e.g. \"0 3 * * *\" (03:00 every day), "
                                + "or one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly"),
                Arguments.of("mysql-cluster:backup: {objectStore: store, rpoMinutes: 0}",
                        "mysql-cluster:backup.rpoMinutes: 0 is out of range; use an integer from 1 to 60"),
                Arguments.of("mysql-cluster:backup: {objectStore: store, keepBackups: 0}",
                        "mysql-cluster:backup.keepBackups: 0 is out of range; use an integer from 1 to 365"),
                Arguments.of("mysql-cluster:backup: {bucketClassName: backups}",
                        "mysql-cluster:backup.bucketClassName: is set but mysql-cluster:backup.objectStore is not; "
                                + "they belong to the claimed bucket"),
                Arguments.of("mysql-cluster:backup: {s3: {endpoint: 'https://s3', bucket: b12, prefix: /prod/,"
                                + " existingSecret: keys}}",
                        "mysql-cluster:backup.s3.prefix: \"/prod/\" is not a prefix; use path segments of letters, "
                                + "digits, '.', '_' and '-' separated by '/', without a leading or trailing '/', e.g. "
                                + "prod/mysql"),
                Arguments.of("mysql-cluster:backup: {s3: {endpoint: 's3.example.com', bucket: Backups}}",
                        "mysql-cluster:backup.s3.endpoint: \"s3.example.com\" is not an S3 endpoint; use http:// or "
                                + "https:// with a host and an optional port, e.g. https://s3.example.com or "
                                + "http://rook-ceph-rgw-store.rook-ceph.svc:80",
                        "mysql-cluster:backup.s3.bucket: \"Backups\" is not an S3 bucket name; use 3 to 63 "
                                + "lower-case letters, digits, '.' and '-', starting and ending with a letter or digit",
                        "mysql-cluster:backup.s3.existingSecret: is required: the Secret in the cluster's namespace "
                                + "with the keys AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"),
                Arguments.of("mysql-cluster:backup: {enabled: true, s3: {endpoint: 'https://s3', bucket: b12,"
                                + " existingSecret: keys}}\n  mysql-cluster:restore: {backup: latest, from: {endpoint:"
                                + " 'https://s3/', bucket: b12, prefix: mysql/mysql, existingSecret: old}}",
                        "mysql-cluster:backup.s3.prefix: \"mysql/mysql\" is where mysql-cluster:restore.from takes the"
                                + " backup from; the restored cluster's own backups and binary logs must go elsewhere: set"
                                + " another mysql-cluster:backup.s3.prefix"),
                Arguments.of("mysql-cluster:restore: {time: '2026-12-07T10:00:00Z'}",
                        "mysql-cluster:restore.backup: is required with the other mysql-cluster:restore keys: "
                                + "\"latest\" or a backup's id (its UTC start, e.g. 20261207T030000Z); remove them all "
                                + "for no restore"),
                Arguments.of("mysql-cluster:restore: {backup: yesterday, time: '2026-12-07 10:00', gtid: 'x',"
                                + " from: {endpoint: 'https://s3', bucket: b12, prefix: prod/mysql, existingSecret: k}}",
                        "mysql-cluster:restore.backup: \"yesterday\" is not a backup; use \"latest\" or a backup's "
                                + "id (its directory under full/, e.g. 20261207T030000Z)",
                        "mysql-cluster:restore.time: is set together with mysql-cluster:restore.gtid; name one point "
                                + "to restore to",
                        "mysql-cluster:restore.time: \"2026-12-07 10:00\" is not a UTC time; use RFC 3339 with Z, "
                                + "e.g. 2026-12-07T10:15:00Z (up to microseconds)",
                        "mysql-cluster:restore.gtid: \"x\" is not a GTID set; use MySQL's uuid:1-100 or MariaDB's "
                                + "0-100-42, comma-separated for several"),
                Arguments.of("mysql-cluster:restore: {backup: latest, from: {endpoint: 'https://s3', bucket: b12,"
                                + " existingSecret: k}}",
                        "mysql-cluster:restore.from.prefix: (empty) is not a prefix; use path segments of letters, "
                                + "digits, '.', '_' and '-' separated by '/', without a leading or trailing '/', e.g. "
                                + "prod/mysql"),
                Arguments.of("mysql-cluster:storage: {volumeSize: 40Gb}",
                        "mysql-cluster:storage.volumeSize: \"40Gb\" is not a Kubernetes quantity; use e.g. 40Gi"),
                Arguments.of("mysql-cluster:storage: {poolSize: 0}",
                        "mysql-cluster:storage.poolSize: 0 is out of range; use an integer from 1 to 7"),
                Arguments.of("mysql-cluster:storage: {poolSize: 1}",
                        "mysql-cluster:storage.requireSafeReplicaSize: a pool of size 1 keeps no redundant copy and "
                                + "Rook refuses it while requireSafeReplicaSize is true; set it to false to accept "
                                + "that, or raise poolSize"),
                Arguments.of("mysql-cluster:storage: {failureDomain: planet}",
                        "mysql-cluster:storage.failureDomain: \"planet\" is not allowed; use one of osd, host, chassis, "
                                + "rack, row, pdu, pod, room, datacenter, zone, region"),
                Arguments.of("mysql-cluster:storage: {compression: zstd}",
                        "mysql-cluster:storage.compression: \"zstd\" is not allowed; use one of none, passive, "
                                + "aggressive, force"),
                Arguments.of("mysql-cluster:storage: {reclaimPolicy: Keep}",
                        "mysql-cluster:storage.reclaimPolicy: \"Keep\" is not allowed; use one of Retain, Delete"),
                Arguments.of("mysql-cluster:storage: {imageFeatures: 'layering,turbo'}",
                        "mysql-cluster:storage.imageFeatures: \"layering,turbo\" is not a comma-separated list of RBD "
                                + "image features; use some of layering, fast-diff, object-map, deep-flatten, "
                                + "exclusive-lock"),
                Arguments.of("mysql-cluster:images: {server: mysql}",
                        "mysql-cluster:images.server: \"mysql\" is not a pinned image; use repository:tag or "
                                + "repository@sha256:digest, e.g. mysql:8.4.10"),
                Arguments.of("mysql-cluster:images: {server: 'mysql:latest'}",
                        "mysql-cluster:images.server: \"mysql:latest\" uses the moving tag 'latest'; pin an exact "
                                + "version tag or a digest"),
                Arguments.of("mysql-cluster:images: {server: 'mysql:8.4.10'}",
                        "mysql-cluster:images.server: \"mysql:8.4.10\" is release 8.4 but mysql-cluster:cluster.version "
                                + "is 9.7; set mysql-cluster:cluster.version to the image's release (one of 8.4, 9.7) or "
                                + "use a 9.7 image"),
                Arguments.of("mysql-cluster:cluster: {engine: mariadb, version: '10.11'}\n  mysql-cluster:images: {server: 'mariadb:11.8.5'}",
                        "mysql-cluster:images.server: \"mariadb:11.8.5\" is release 11.8 but "
                                + "mysql-cluster:cluster.version is 10.11; set mysql-cluster:cluster.version to the "
                                + "image's release (one of 10.11, 11.4, 11.8) or use a 10.11 image"),
                Arguments.of("mysql-cluster:images: {backup: 'percona/percona-xtrabackup:8.4.0-6.1'}",
                        "mysql-cluster:images.backup: unknown key; allowed keys are server, exporter, uploader"),
                Arguments.of("mysql-cluster:images: {exporter: 'prom/mysqld-exporter'}",
                        "mysql-cluster:images.exporter: \"prom/mysqld-exporter\" is not a pinned image; use "
                                + "repository:tag or repository@sha256:digest, e.g. mysql:8.4.10"),
                Arguments.of("mysql-cluster:resources: {exporter: {cpu: 50m, memory: 64MB, memoryLimit: 128Mi}}",
                        "mysql-cluster:resources.exporter.memory: \"64MB\" is not a Kubernetes quantity; use e.g. 1Gi"),
                Arguments.of("mysql-cluster:monitoring: {labels: {release: 'kube prometheus'}}",
                        "mysql-cluster:monitoring.labels.release: \"kube prometheus\" is not a Kubernetes label "
                                + "value; use at most 63 letters, digits, '-', '_' or '.', starting and ending with a "
                                + "letter or digit"),
                Arguments.of("mysql-cluster:monitoring: {labels: {'-release': x}}",
                        "mysql-cluster:monitoring.labels.-release: is not a Kubernetes label key; use [prefix/]name, "
                                + "e.g. release"),
                Arguments.of("mysql-cluster:monitoring: {scrapeNamespace: Monitoring}",
                        "mysql-cluster:monitoring.scrapeNamespace: \"Monitoring\" is not a valid name; use lower-case "
                                + "letters, digits and '-', starting with a letter, at most 63 characters"),
                Arguments.of("mysql-cluster:monitoring: {lagWarningFor: 90sec}",
                        "mysql-cluster:monitoring.lagWarningFor: \"90sec\" is not a duration; use a whole number of "
                                + "seconds, minutes or hours, e.g. 30s, 5m or 1h"),
                Arguments.of("mysql-cluster:monitoring: {serverDownFor: 1m30s}",
                        "mysql-cluster:monitoring.serverDownFor: \"1m30s\" is not a duration; use a whole number of "
                                + "seconds, minutes or hours, e.g. 30s, 5m or 1h"),
                Arguments.of("mysql-cluster:monitoring: {lagWarningSeconds: 0}",
                        "mysql-cluster:monitoring.lagWarningSeconds: 0 is too small; use an integer >= 1"),
                Arguments.of("mysql-cluster:monitoring: {lagWarningSeconds: 60, lagCriticalSeconds: 60}",
                        "mysql-cluster:monitoring.lagCriticalSeconds: 60 is not above "
                                + "mysql-cluster:monitoring.lagWarningSeconds (60); the critical lag must be the larger one"),
                Arguments.of("mysql-cluster:monitoring: {volumeFreePercent: 0.1}",
                        "mysql-cluster:monitoring.volumeFreePercent: expected an integer, got 0.1"),
                Arguments.of("mysql-cluster:monitoring: {volumeFreePercent: 80}",
                        "mysql-cluster:monitoring.volumeFreePercent: 80 is out of range; use an integer from 1 to 50"),
                Arguments.of("mysql-cluster:resources: {server: {cpu: lots, memory: 1Gi, memoryLimit: 1Gi}}",
                        "mysql-cluster:resources.server.cpu: \"lots\" is not a Kubernetes quantity; use e.g. 500m"),
                Arguments.of("mysql-cluster:scheduling: {antiAffinity: always}",
                        "mysql-cluster:scheduling.antiAffinity: \"always\" is not allowed; use one of preferred, required"),
                Arguments.of("mysql-cluster:network: {allowedClients: [{namespace: Apps}]}",
                        "mysql-cluster:network.allowedClients[0].namespace: \"Apps\" is not a valid name; use "
                                + "lower-case letters, digits and '-', starting with a letter, at most 63 characters"),
                Arguments.of("mysql-cluster:credentials: {appDatabase: app}",
                        "mysql-cluster:credentials.appUser: appUser and appDatabase go together; set both or neither"),
                Arguments.of("mysql-cluster:cluster: {serverIdOffset: 0}",
                        "mysql-cluster:cluster.serverIdOffset: 0 is out of range; use an integer from 1 to 1000000000"),
                Arguments.of("mysql-cluster:rollout: {readyTimeoutMinutes: 0}",
                        "mysql-cluster:rollout.readyTimeoutMinutes: 0 is out of range; use an integer from 1 to 1440"),
                Arguments.of("mysql-cluster:server: {binlogRetentionHours: 0}",
                        "mysql-cluster:server.binlogRetentionHours: 0 is out of range; use an integer from 1 to 2160"),
                Arguments.of("mysql-cluster:server: {config: {binlog_expire_logs_seconds: '60'}}",
                        "mysql-cluster:server.config.binlog_expire_logs_seconds: is set by "
                                + "mysql-cluster:server.binlogRetentionHours; set that instead"),
                Arguments.of("mysql-cluster:server: {config: {gtid_mode: 'OFF'}}",
                        "mysql-cluster:server.config.gtid_mode: is managed by mysql-cluster (replication depends on "
                                + "it) and cannot be set"),
                Arguments.of("mysql-cluster:server: {config: {slave-net-timeout: '60'}}",
                        "mysql-cluster:server.config.slave-net-timeout: is managed by mysql-cluster (replication "
                                + "depends on it) and cannot be set"),
                Arguments.of("mysql-cluster:server: {replicaMaxLagSeconds: 0, replicaCatchUpLagSeconds: 0}",
                        "mysql-cluster:server.replicaMaxLagSeconds: 0 is out of range; use an integer from 1 to 3600"),
                Arguments.of("mysql-cluster:server: {replicaCatchUpLagSeconds: -1}",
                        "mysql-cluster:server.replicaCatchUpLagSeconds: -1 is out of range; use an integer from 0 to 3600"),
                Arguments.of("mysql-cluster:server: {replicaMaxLagSeconds: 20, replicaCatchUpLagSeconds: 20}",
                        "mysql-cluster:server.replicaCatchUpLagSeconds: 20 is not below "
                                + "mysql-cluster:server.replicaMaxLagSeconds (20); use an integer from 0 to 19 (the lag "
                                + "at which an unready replica takes reads again)"),
                Arguments.of("mysql-cluster:server: {replicaMaxLagSeconds: 5}",
                        "mysql-cluster:server.replicaCatchUpLagSeconds: 10 is not below "
                                + "mysql-cluster:server.replicaMaxLagSeconds (5); use an integer from 0 to 4 (the lag "
                                + "at which an unready replica takes reads again)"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void badInputStopsTheProgramBeforeAnyResourceWithExactMessages(ArgumentsAccessor args) {
        String yaml = "config:\n  " + args.getString(0) + "\n" + PASSWORDS;
        var file = StackFile.parse(yaml, Path.of("Pulumi.test.yaml"));
        var expected = new ArrayList<String>();
        for (int i = 1; i < args.size(); i++) {
            expected.add(args.getString(i));
        }
        assertProblems(file, expected);
    }

    @org.junit.jupiter.api.Test
    void plainTextAndMissingPasswordsAreRefused() {
        var file = StackFile.parse("""
                config:
                  mysql-cluster:rootPassword: hunter2
                  mysql-cluster:backupPassword: {secure: v1:a:b}
                """, Path.of("Pulumi.test.yaml"));
        assertProblems(file, List.of(
                "mysql-cluster:rootPassword: is stored in plain text; store it encrypted with: pulumi config set "
                        + "--secret mysql-cluster:rootPassword <password>",
                "mysql-cluster:replicationPassword: is required; set it with: pulumi config set --secret "
                        + "mysql-cluster:replicationPassword <password>  (or name an existing Secret in "
                        + "mysql-cluster:credentials.existingSecret)",
                "mysql-cluster:exporterPassword: is required; set it with: pulumi config set --secret "
                        + "mysql-cluster:exporterPassword <password>  (or name an existing Secret in "
                        + "mysql-cluster:credentials.existingSecret)"));
    }

    @org.junit.jupiter.api.Test
    void theExporterOffRefusesItsPasswordAndThePrometheusOperatorObjects() {
        var file = StackFile.parse("config:\n  mysql-cluster:monitoring: {exporter: false, prometheusOperator: true}\n"
                + PASSWORDS, Path.of("Pulumi.test.yaml"));
        assertProblems(file, List.of(
                "mysql-cluster:monitoring.prometheusOperator: is true but mysql-cluster:monitoring.exporter is "
                        + "false; the PodMonitor and the alert rules read the exporter's metrics: turn the "
                        + "exporter on or prometheusOperator off",
                "mysql-cluster:exporterPassword: is set but mysql-cluster:monitoring.exporter is false; turn "
                        + "the exporter on, or remove it"));
    }

    @org.junit.jupiter.api.Test
    void passwordsConflictWithAnExistingSecret() {
        var file = StackFile.parse("config:\n  mysql-cluster:credentials: {existingSecret: creds}\n" + PASSWORDS,
                Path.of("Pulumi.test.yaml"));
        assertProblems(file, List.of(
                "mysql-cluster:rootPassword: must not be set together with mysql-cluster:credentials.existingSecret; "
                        + "the password comes from that Secret's key root-password",
                "mysql-cluster:replicationPassword: must not be set together with mysql-cluster:credentials"
                        + ".existingSecret; the password comes from that Secret's key replication-password",
                "mysql-cluster:backupPassword: must not be set together with mysql-cluster:credentials.existingSecret; "
                        + "the password comes from that Secret's key backup-password",
                "mysql-cluster:exporterPassword: must not be set together with mysql-cluster:credentials"
                        + ".existingSecret; the password comes from that Secret's key exporter-password"));
    }

    private static void assertProblems(ConfigSource source, List<String> expected) {
        var declared = Collections.synchronizedList(new ArrayList<String>());
        Mocks mocks = args -> {
            declared.add(args.type + " " + args.name);
            return CompletableFuture.completedFuture(Mocks.ResourceResult.of(Optional.of(args.name), args.inputs));
        };
        var result = PulumiTest.withMocks(mocks)
                .withOptions(TestOptions.builder().projectName("mysql-cluster").stackName("test").preview(true).build())
                .runTest(ctx -> Program.run(ctx, source, p -> Output.ofSecret("x"), Optional.empty()));
        assertEquals(List.of(), declared, "nothing may be declared");
        assertTrue(result.exitCode() != 0);
        var error = assertInstanceOf(InvalidConfigException.class, rootCause(result.exceptions().get(0)));
        assertEquals(expected, error.problems());
    }

    private static Throwable rootCause(Throwable t) {
        while (!(t instanceof InvalidConfigException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }
}
