package mysqlcluster.cluster;

import static mysqlcluster.cluster.ManifestView.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import com.pulumi.resources.CustomResourceOptions;
import mysqlcluster.TestStacks;
import mysqlcluster.render.MockRun;
import mysqlcluster.render.SecretValues;
import mysqlcluster.settings.Settings;
import mysqlcluster.settings.StackFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every stack file runs on Pulumi's mocks and each resource it declares is checked for what it means. */
class ClusterResourcesTest {
    /** The containers that run another image than the server's: the exporter's, and the uploader's. */
    static final Set<String> OTHER_IMAGES = Set.of("exporter", "archiver", "restore-fetch");

    static List<Path> stacks() {
        return TestStacks.all();
    }

    record Fixture(Settings settings, Names names, ManifestView view, MockRun run) {
        static Fixture of(Path stackFile) {
            Settings settings = StackFile.load(stackFile);
            MockRun run = MockRun.of(settings, SecretValues.redacted());
            return new Fixture(settings, Names.of(settings), new ManifestView(run.manifests()), run);
        }

        Map<String, Object> statefulSet() {
            return view.one("StatefulSet", names.statefulSet());
        }

        Map<String, Object> podSpec() {
            return get(statefulSet(), "spec.template.spec");
        }

        /** The one ConfigMap: its name depends on its content. */
        Map<String, Object> configMap() {
            var all = view.all("ConfigMap");
            assertEquals(1, all.size());
            return all.get(0);
        }

        List<Map<String, Object>> allContainers() {
            var all = new ArrayList<Map<String, Object>>(get(podSpec(), "initContainers"));
            all.addAll(get(podSpec(), "containers"));
            return all;
        }
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void declaresExactlyTheClusterObjects(Path stackFile) {
        var f = Fixture.of(stackFile);
        var expected = new ArrayList<String>(List.of(
                "CephBlockPool/" + f.names.pool(), "ConfigMap/" + get(f.configMap(), "metadata.name"),
                "PodDisruptionBudget/" + f.names.statefulSet(), "Service/" + f.names.headlessService(),
                "Service/" + f.names.readService(), "Service/" + f.names.writeService(),
                "StatefulSet/" + f.names.statefulSet(), "StorageClass/" + f.names.storageClass()));
        if (f.settings.cluster().createNamespace()) {
            expected.add("Namespace/" + f.names.namespace());
        }
        if (f.settings.network().networkPolicy()) {
            expected.add("NetworkPolicy/" + f.names.statefulSet());
        }
        if (f.settings.credentials().existingSecret() == null) {
            expected.add("Secret/" + f.names.secret());
        }
        if (f.settings.monitoring().prometheusOperator()) {
            expected.add("PodMonitor/" + f.names.statefulSet());
            expected.add("PrometheusRule/" + f.names.statefulSet());
        }
        if (f.settings.backup().claimsBucket()) {
            expected.add("StorageClass/" + f.names.bucketClass());
            expected.add("ObjectBucketClaim/" + f.names.backup());
        }
        if (f.settings.backup().enabled()) {
            expected.add("CronJob/" + f.names.backup());
            expected.add("Service/" + f.names.donorService());
        }
        assertEquals(expected.stream().sorted().toList(), f.view.kinds());
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void poolAndStorageClassAreWiredTogether(Path stackFile) {
        var f = Fixture.of(stackFile);
        var storage = f.settings.storage();
        var pool = f.view.one("CephBlockPool", f.names.pool());
        assertEquals("ceph.rook.io/v1", pool.get("apiVersion"));
        assertEquals(storage.rookNamespace(), get(pool, "metadata.namespace"));
        assertEquals(storage.poolSize().longValue(), (long) get(pool, "spec.replicated.size"));
        assertEquals(storage.requireSafeReplicaSize(), get(pool, "spec.replicated.requireSafeReplicaSize"));
        assertEquals(storage.failureDomain(), get(pool, "spec.failureDomain"));

        var sc = f.view.one("StorageClass", f.names.storageClass());
        assertEquals(storage.rookOperatorNamespace() + ".rbd.csi.ceph.com", sc.get("provisioner"));
        Map<String, String> params = get(sc, "parameters");
        assertEquals(get(pool, "metadata.name"), params.get("pool"), "the StorageClass provisions from the pool");
        assertEquals(storage.rookNamespace(), params.get("clusterID"));
        for (String step : List.of("provisioner", "controller-expand", "controller-publish", "controller-modify",
                "node-stage", "node-publish")) {
            assertNotNull(params.get("csi.storage.k8s.io/" + step + "-secret-name"), step);
            assertEquals(storage.rookNamespace(), params.get("csi.storage.k8s.io/" + step + "-secret-namespace"), step);
        }
        assertEquals(storage.reclaimPolicy(), sc.get("reclaimPolicy"));
        assertEquals(true, sc.get("allowVolumeExpansion"));

        Map<String, Object> claim = ((List<Map<String, Object>>) get(f.statefulSet(), "spec.volumeClaimTemplates")).get(0);
        assertEquals((Object) get(sc, "metadata.name"), get(claim, "spec.storageClassName"), "the claims use the StorageClass");
        assertEquals(storage.volumeSize(), get(claim, "spec.resources.requests.storage"));
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void servicesSelectThePodsTheyMean(Path stackFile) {
        var f = Fixture.of(stackFile);
        Map<String, String> podLabels = get(f.statefulSet(), "spec.template.metadata.labels");
        Map<String, String> stsSelector = get(f.statefulSet(), "spec.selector.matchLabels");
        assertTrue(podLabels.entrySet().containsAll(stsSelector.entrySet()));

        var headless = f.view.one("Service", f.names.headlessService());
        assertEquals("None", get(headless, "spec.clusterIP"));
        assertEquals(true, get(headless, "spec.publishNotReadyAddresses"));
        assertEquals((Object) get(headless, "metadata.name"), get(f.statefulSet(), "spec.serviceName"));

        Map<String, String> writeSelector = get(f.view.one("Service", f.names.writeService()), "spec.selector");
        assertEquals(f.names.statefulSet() + "-0", writeSelector.get("statefulset.kubernetes.io/pod-name"),
                "the write Service selects ordinal 0 only");
        var withoutPodName = new java.util.HashMap<>(writeSelector);
        withoutPodName.remove("statefulset.kubernetes.io/pod-name");
        assertTrue(podLabels.entrySet().containsAll(withoutPodName.entrySet()));

        Map<String, String> readSelector = get(f.view.one("Service", f.names.readService()), "spec.selector");
        assertTrue(podLabels.entrySet().containsAll(readSelector.entrySet()), "the read Service selects every pod");
        assertFalse(readSelector.containsKey("statefulset.kubernetes.io/pod-name"),
                "the read Service selects the primary too: reads go on from it when no replica is ready");
        Map<String, Object> readSpec = get(f.view.one("Service", f.names.readService()), "spec");
        assertNotEquals(Boolean.TRUE, readSpec.get("publishNotReadyAddresses"),
                "a replica that fails its readiness probe (lagging, not replicating) takes no reads");
        for (var service : f.view.all("Service")) {
            var port = ((List<Map<String, Object>>) get(service, "spec.ports")).get(0);
            assertEquals(3306L, port.get("port"));
            assertEquals("mysql", port.get("targetPort"));
        }
        var serverPort = ((List<Map<String, Object>>) get(f.podSpec(), "containers[server].ports")).get(0);
        assertEquals("mysql", serverPort.get("name"), "Service targetPort names the server's port");
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void podsReadConfigMapAndPasswordsByReference(Path stackFile) {
        var f = Fixture.of(stackFile);
        String configMapName = get(f.configMap(), "metadata.name");
        assertTrue(configMapName.matches(java.util.regex.Pattern.quote(f.names.instance()) + "-[0-9a-f]{10}"),
                "named by the cluster and a hash of its content: " + configMapName);
        assertEquals(true, get(f.configMap(), "immutable"), "never edited under running pods");
        assertEquals(configMapName, get(f.podSpec(), "volumes[config].configMap.name"));
        Map<String, String> configData = get(f.configMap(), "data");
        for (var container : f.allContainers()) {
            List<String> command = (List<String>) container.get("command");
            if (command != null) {
                String script = command.get(1).substring(command.get(1).lastIndexOf('/') + 1);
                assertTrue(configData.containsKey(script), "the ConfigMap ships " + script);
            }
            for (Map<String, Object> env : env(container)) {
                String name = (String) env.get("name");
                if (name.contains("PASSWORD")) {
                    assertNull(env.get("value"), name + " is never a literal");
                    assertEquals(f.names.secret(), get(env, "valueFrom.secretKeyRef.name"), name);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void eachContainerGetsOnlyThePasswordsItUses(Path stackFile) {
        var f = Fixture.of(stackFile);
        var expected = new java.util.HashMap<String, Set<String>>();
        boolean exporter = f.settings.monitoring().exporter();
        // init-config writes the exporter's option file; pod 0's sidecar creates its user, the others update its password
        expected.put("init-config", exporter ? Set.of("exporter-password") : Set.of());
        expected.put("exporter", Set.of());
        // pod 0's clone step initialises the datadir with root and the app user; MySQL's clone logs in to the donor's
        // server as the backup user, MariaDB's receives a stream
        var clone = new HashSet<>(Set.of("root-password"));
        if (f.settings.credentials().hasAppUser()) {
            clone.add("app-password");
        }
        if (!f.settings.engine().streamsBackups()) {
            clone.add("backup-password");
        }
        expected.put("clone", clone);
        var sidecar = new HashSet<>(Set.of("root-password", "replication-password", "backup-password"));
        if (exporter) {
            sidecar.add("exporter-password");
        }
        expected.put("sidecar", sidecar);
        expected.put("server", Set.of("root-password"));
        expected.put("archiver", Set.of());
        expected.put("restore-fetch", Set.of());
        for (var c : f.allContainers()) {
            var keys = new HashSet<String>();
            for (Map<String, Object> env : env(c)) {
                String key = get(env, "valueFrom.secretKeyRef.key");
                if (key != null) {
                    keys.add(key);
                }
            }
            assertEquals(expected.get((String) c.get("name")), keys, (String) c.get("name"));
        }
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void cloneMemoryFitsInTheCloneContainerAndBeatsTheToolDefault(Path stackFile) {
        var f = Fixture.of(stackFile);
        List<Map<String, Object>> env = get(f.podSpec(), "initContainers[clone].env");
        long prepareMiB = Long.parseLong((String) env.stream().filter(e -> "CLONE_MEMORY_MIB".equals(e.get("name")))
                .findFirst().orElseThrow().get("value"));
        long limitMiB = Quantities.mebibytes(get(f.podSpec(), "initContainers[clone].resources.limits.memory"));
        assertTrue(prepareMiB < limitMiB, prepareMiB + " MiB of " + limitMiB);
        assertTrue(prepareMiB > 100, "more than the tools' 100M default: " + prepareMiB);
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void everyContainerMeetsTheRestrictedPodSecurityStandard(Path stackFile) {
        var f = Fixture.of(stackFile);
        assertEquals(true, get(f.podSpec(), "securityContext.runAsNonRoot"));
        assertEquals("RuntimeDefault", get(f.podSpec(), "securityContext.seccompProfile.type"));
        assertNotNull(get(f.podSpec(), "securityContext.fsGroup"), "the volume must be writable");
        for (var c : f.allContainers()) {
            String name = (String) c.get("name");
            assertEquals(false, get(c, "securityContext.allowPrivilegeEscalation"), name);
            assertEquals(List.of("ALL"), get(c, "securityContext.capabilities.drop"), name);
            assertEquals(true, get(c, "securityContext.runAsNonRoot"), name);
            assertEquals("RuntimeDefault", get(c, "securityContext.seccompProfile.type"), name);
            assertNotNull(get(c, "resources.requests.memory"), name);
            assertNotNull(get(c, "resources.limits.memory"), name);
        }
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void serverHasProbesAndTheVolumesAreRetained(Path stackFile) {
        var f = Fixture.of(stackFile);
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            List<String> command = get(f.podSpec(), "containers[server]." + probe + ".exec.command");
            assertEquals("probe.sh", Path.of(command.get(1)).getFileName().toString(), probe);
        }
        assertEquals(List.of("bash", "/etc/mysql-cluster/probe.sh", "ready"),
                get(f.podSpec(), "containers[server].readinessProbe.exec.command"));
        List<Map<String, Object>> serverEnv = get(f.podSpec(), "containers[server].env");
        var env = new java.util.HashMap<Object, Object>();
        serverEnv.forEach(e -> env.put(e.get("name"), e.get("value")));
        assertEquals(String.valueOf(f.settings.server().replicaMaxLagSeconds()), env.get("REPLICA_MAX_LAG_SECONDS"),
                "the readiness probe gets the stack's lag thresholds");
        assertEquals(String.valueOf(f.settings.server().replicaCatchUpLagSeconds()), env.get("REPLICA_CATCH_UP_LAG_SECONDS"));
        assertEquals("Retain", get(f.statefulSet(), "spec.persistentVolumeClaimRetentionPolicy.whenDeleted"));
        assertEquals("Retain", get(f.statefulSet(), "spec.persistentVolumeClaimRetentionPolicy.whenScaled"));
        assertEquals("OrderedReady", get(f.statefulSet(), "spec.podManagementPolicy"),
                "each replica clones from the previous one, so they start in order");
        assertEquals((long) f.settings.cluster().replicas(), (long) get(f.statefulSet(), "spec.replicas"));
        assertEquals(List.of("init-config", "clone"),
                ((List<Map<String, Object>>) get(f.podSpec(), "initContainers")).stream().map(c -> c.get("name")).toList());
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void antiAffinityFollowsTheStack(Path stackFile) {
        var f = Fixture.of(stackFile);
        Map<String, Object> anti = get(f.podSpec(), "affinity.podAntiAffinity");
        boolean required = f.settings.scheduling().antiAffinity().equals("required");
        assertEquals(required, anti.containsKey("requiredDuringSchedulingIgnoredDuringExecution"));
        assertEquals(!required, anti.containsKey("preferredDuringSchedulingIgnoredDuringExecution"));
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void stackOutputsDescribeTheCluster(Path stackFile) {
        var f = Fixture.of(stackFile);
        var outputs = f.run.outputs();
        assertEquals(Set.of("namespace", "writeHost", "readHost", "port", "secretName", "storageClass", "engine", "version",
                "deployedSettings"), outputs.keySet());
        var s = f.settings;
        assertEquals(Map.ofEntries(Map.entry("cluster.name", s.cluster().name()),
                        Map.entry("cluster.namespace", s.cluster().namespace()),
                        Map.entry("cluster.createNamespace", String.valueOf(s.cluster().createNamespace())),
                        Map.entry("cluster.engine", s.cluster().engine()),
                        Map.entry("cluster.version", s.engineVersion().series()),
                        Map.entry("storage.poolName", f.names.pool()),
                        Map.entry("storage.storageClassName", f.names.storageClass()),
                        Map.entry("storage.rookNamespace", s.storage().rookNamespace()),
                        Map.entry("storage.rookOperatorNamespace", s.storage().rookOperatorNamespace()),
                        Map.entry("storage.fsType", s.storage().fsType()),
                        Map.entry("storage.imageFeatures", s.storage().imageFeatures()),
                        Map.entry("storage.reclaimPolicy", s.storage().reclaimPolicy()),
                        Map.entry("storage.volumeSize", s.storage().volumeSize()),
                        Map.entry("backup.objectStore", s.backup().claimsBucket()
                                ? f.names.bucketStoreNamespace() + "/" + s.backup().objectStore() : ""),
                        Map.entry("backup.bucketClassName", s.backup().claimsBucket() ? f.names.bucketClass() : ""),
                        Map.entry("restore", "")),
                outputs.get("deployedSettings"), "what the next change is checked against, by config key");
        assertEquals(f.settings.cluster().namespace(), outputs.get("namespace"));
        assertEquals(f.names.writeService() + "." + f.settings.cluster().namespace() + ".svc", outputs.get("writeHost"));
        assertEquals(f.names.readService() + "." + f.settings.cluster().namespace() + ".svc", outputs.get("readHost"));
        assertEquals(3306, ((Number) outputs.get("port")).intValue());
        assertEquals(f.names.secret(), outputs.get("secretName"));
        assertEquals(f.names.storageClass(), outputs.get("storageClass"));
        assertEquals(f.settings.cluster().engine(), outputs.get("engine"));
        String image = f.settings.serverImage();
        assertTrue(image.endsWith(":" + outputs.get("version")), image + " pins " + outputs.get("version"));
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void everyKubernetesResourceAsksForTheProviderTheSuiteRuns(Path stackFile) {
        var f = Fixture.of(stackFile);
        var kubernetes = f.run.options().entrySet().stream().filter(e -> e.getKey().startsWith("kubernetes:")).toList();
        assertFalse(kubernetes.isEmpty());
        for (var entry : kubernetes) {
            assertEquals(Optional.of("4.25.0"), entry.getValue().getVersion(), entry.getKey()
                    + ": without the version option the Java SDK 4.0.0 asks for provider 4.0.0");
        }
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void upWaitsUntilTheControllerHasRolledEveryPodToTheNewSpec(Path stackFile) throws Exception {
        var f = Fixture.of(stackFile);
        String waitFor = ((Map<String, String>) get(f.statefulSet(), "metadata.annotations")).get("pulumi.com/waitFor");
        int n = f.settings.cluster().replicas();
        assertEquals(List.of("jsonpath={.status.readyReplicas}=" + n, "jsonpath={.status.updatedReplicas}=" + n,
                        "jsonpath={.status.currentReplicas}=" + n),
                new com.fasterxml.jackson.databind.ObjectMapper().readValue(waitFor, List.class),
                "every pod ready, at the update revision, and that revision made current");
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void everyResourceWaitsForTheReadsOfEveryCrdTheStackNeeds(Path stackFile) {
        var f = Fixture.of(stackFile);
        var crds = new java.util.TreeSet<>(List.of("crd-cephblockpools.ceph.rook.io"));
        if (f.settings.monitoring().prometheusOperator()) {
            crds.addAll(List.of("crd-podmonitors.monitoring.coreos.com", "crd-prometheusrules.monitoring.coreos.com"));
        }
        if (f.settings.backup().claimsBucket()) {
            crds.add("crd-objectbucketclaims.objectbucket.io");
        }
        var declared = new java.util.TreeSet<>(f.run.byResource().keySet());
        declared.addAll(f.run.patches().stream().map(p -> MockRun.key("kubernetes:core/v1:PersistentVolumeClaimPatch",
                (String) ((Map<?, ?>) p.get("metadata")).get("name"))).toList());
        assertFalse(declared.isEmpty());
        for (String resource : declared) {
            assertEquals(crds, waitsFor(f, resource).stream().filter(n -> n.startsWith("crd-"))
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)),
                    resource + " must wait for the CRD reads, so that an up without a preview creates nothing first");
        }
        assertTrue(f.view.all("CustomResourceDefinition").isEmpty(), "the CRDs are read, never declared or rendered");
    }

    /** The names of the resources RESOURCE waits for through dependsOn, directly or not. */
    private static java.util.Set<String> waitsFor(Fixture f, String resource) {
        var names = new java.util.HashSet<String>();
        var next = new java.util.ArrayDeque<>(List.of(resource));
        while (!next.isEmpty()) {
            var options = f.run.options().get(next.pop());
            if (options == null) {
                continue;
            }
            for (var r : com.pulumi.test.PulumiTest.extractValue(options.getDependsOn())) {
                if (names.add(r.pulumiResourceName())) {
                    next.add(MockRun.key(r.pulumiResourceType(), r.pulumiResourceName()));
                }
            }
        }
        return names;
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void protectionAndRolloutTimeoutFollowTheStack(Path stackFile) {
        var f = Fixture.of(stackFile);
        boolean protect = f.settings.cluster().protect();
        var options = f.run.options();
        var dataBearing = new ArrayList<>(List.of(MockRun.key("kubernetes:ceph.rook.io/v1:CephBlockPool", f.names.pool()),
                MockRun.key("kubernetes:apps/v1:StatefulSet", f.names.statefulSet())));
        if (f.settings.cluster().createNamespace()) {
            dataBearing.add(MockRun.key("kubernetes:core/v1:Namespace", f.names.namespace()));
        }
        for (String key : dataBearing) {
            assertEquals(protect, options.get(key).isProtect(), key);
            assertEquals(protect, options.get(key).isRetainOnDelete(), key);
        }
        var storageClass = options.get(MockRun.key("kubernetes:storage.k8s.io/v1:StorageClass", f.names.storageClass()));
        assertFalse(storageClass.isProtect(), "holds no data");
        assertEquals(List.of(), storageClass.getReplaceOnChanges(), "never replaced: the StatefulSet naming it would be");
        assertFalse(((CustomResourceOptions) storageClass).getDeleteBeforeReplace());
        var sts = options.get(MockRun.key("kubernetes:apps/v1:StatefulSet", f.names.statefulSet()));
        assertEquals(List.of("spec.volumeClaimTemplates"), sts.getIgnoreChanges(),
                "the claim templates Kubernetes forbids changing are never diffed: no replacement of every pod");
        var timeouts = sts.getCustomTimeouts().orElseThrow();
        assertEquals(timeouts.getCreate(), timeouts.getUpdate());
        assertTrue(timeouts.getCreate().orElseThrow().toMinutes() >= 10, "never below Pulumi's own 10 minutes");
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void networkPolicyAdmitsClientsToMysqlAndOnlyPeersToTheClonePort(Path stackFile) {
        var f = Fixture.of(stackFile);
        if (!f.settings.network().networkPolicy()) {
            return;
        }
        var policy = f.view.one("NetworkPolicy", f.names.statefulSet());
        List<Map<String, Object>> rules = get(policy, "spec.ingress");
        var byPort = new java.util.HashMap<Long, Map<String, Object>>();
        for (var rule : rules) {
            byPort.put((Long) ((List<Map<String, Object>>) rule.get("ports")).get(0).get("port"), rule);
        }
        Map<String, String> podLabels = get(f.statefulSet(), "spec.template.metadata.labels");
        List<Map<String, Object>> mysqlPeers = (List<Map<String, Object>>) byPort.get(3306L).get("from");
        boolean backupClones = f.settings.backup().enabled() && !f.settings.engine().streamsBackups();
        assertEquals(f.settings.network().allowedClients().size() + 1 + (backupClones ? 1 : 0), mysqlPeers.size());
        assertEquals(backupClones, mysqlPeers.stream().anyMatch(peer -> f.names.backupLabels()
                        .equals(get(peer, "podSelector.matchLabels"))),
                "MySQL's backup job clones over the MySQL port, when backups are on");
        assertTrue(mysqlPeers.stream().anyMatch(peer -> !peer.containsKey("namespaceSelector")
                        && podLabels.entrySet().containsAll(((Map<String, String>) get(peer, "podSelector.matchLabels")).entrySet())),
                "the cluster's own pods reach the MySQL port (replication, and MySQL's clones)");
        Set<Long> metrics = f.settings.monitoring().exporter() ? Set.of(9104L) : Set.of();
        if (!f.settings.engine().streamsBackups()) {
            assertEquals(union(Set.of(3306L), metrics), byPort.keySet(), "MySQL clones over the MySQL port: no clone port");
            return;
        }
        assertEquals(union(Set.of(3306L, 3307L), metrics), byPort.keySet());
        List<Map<String, Object>> clonePeers = (List<Map<String, Object>>) byPort.get(3307L).get("from");
        assertEquals(f.settings.backup().enabled() ? 2 : 1, clonePeers.size(), "the pods, and the backup job's");
        Map<String, String> cloneSelector = get(clonePeers.get(0), "podSelector.matchLabels");
        assertTrue(podLabels.entrySet().containsAll(cloneSelector.entrySet()));
        assertFalse(clonePeers.get(0).containsKey("namespaceSelector"), "clones only from the cluster's own pods");
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void everyContainerButTheExporterAndUploadersRunsTheServerImageAndOnlyMariadbHasAClonePort(Path stackFile) {
        var f = Fixture.of(stackFile);
        var images = new HashSet<String>();
        for (var c : f.allContainers()) {
            if (!OTHER_IMAGES.contains((String) c.get("name"))) {
                images.add((String) c.get("image"));
            }
        }
        assertEquals(Set.of(f.settings.serverImage()), images);
        boolean streams = f.settings.engine().streamsBackups();
        List<Map<String, Object>> headlessPorts = get(f.view.one("Service", f.names.headlessService()), "spec.ports");
        assertEquals(streams ? List.of("mysql", "clone") : List.of("mysql"),
                headlessPorts.stream().map(p -> p.get("name")).toList());
        Object sidecarPorts = get(f.podSpec(), "containers[sidecar].ports");
        assertEquals(streams, sidecarPorts != null, "the sidecar listens on the clone port only for MariaDB");
        Map<String, String> data = get(f.configMap(), "data");
        assertEquals(streams, data.containsKey("serve-backup.sh"));
        assertTrue(data.get("engine.sh").equals(Resources.text("scripts/" + f.settings.engine().scriptResource())));
        for (var c : f.allContainers()) {
            if (OTHER_IMAGES.contains((String) c.get("name"))) {
                continue;
            }
            boolean hasClonePort = env(c).stream()
                    .anyMatch(env -> "CLONE_PORT".equals(env.get("name")));
            assertEquals(streams, hasClonePort, c.get("name") + " is told the clone port");
        }
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void everyPodsClaimIsPatchedToTheVolumeSizeAndKeptWhenThePatchGoes(Path stackFile) {
        var f = Fixture.of(stackFile);
        Map<String, Object> sts = f.statefulSet();
        List<Map<String, Object>> templates = get(sts, "spec.volumeClaimTemplates");
        String template = get(templates.get(0), "metadata.name");
        var expected = new ArrayList<String>();
        for (int ordinal = 0; ordinal < f.settings.cluster().replicas(); ordinal++) {
            // the StatefulSet controller names a pod's claim <template>-<statefulset>-<ordinal>
            expected.add(template + "-" + get(sts, "metadata.name") + "-" + ordinal);
        }
        assertEquals(expected, f.run.patches().stream().map(p -> (String) get(p, "metadata.name")).sorted().toList());
        for (var patch : f.run.patches()) {
            String name = get(patch, "metadata.name");
            assertEquals("PersistentVolumeClaim", patch.get("kind"));
            assertEquals(f.names.namespace(), get(patch, "metadata.namespace"));
            assertEquals(f.settings.storage().volumeSize(), get(patch, "spec.resources.requests.storage"));
            assertEquals("true", ((Map<String, Object>) get(patch, "metadata.annotations")).get("pulumi.com/patchForce"),
                    "takes the size over from the StatefulSet controller that created the claim");
            assertEquals("true", ((Map<String, Object>) get(patch, "metadata.annotations")).get("pulumi.com/skipAwait"),
                    "no wait for the Pending of a new WaitForFirstConsumer claim: the claim is bound already");
            var options = f.run.options().get(MockRun.key("kubernetes:core/v1:PersistentVolumeClaimPatch", name));
            assertTrue(options.isRetainOnDelete(), "scaling down drops the patch, never the claim or its size");
        }
        assertTrue(f.view.all("PersistentVolumeClaim").isEmpty(), "patches are not objects of their own");
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void noObjectNameIsLeftToAutoNaming(Path stackFile) {
        var f = Fixture.of(stackFile);
        var seen = new HashSet<String>();
        for (var m : f.view.manifests()) {
            String name = get(m, "metadata.name");
            assertNotNull(name, m.get("kind") + " has an explicit name");
            assertTrue(seen.add(m.get("kind") + "/" + name));
        }
    }

    private static Set<Long> union(Set<Long> a, Set<Long> b) {
        var all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** A container's env entries; none for a container without env (the exporter). */
    static List<Map<String, Object>> env(Map<String, Object> container) {
        Object env = container.get("env");
        return env == null ? List.of() : (List<Map<String, Object>>) env;
    }
}
