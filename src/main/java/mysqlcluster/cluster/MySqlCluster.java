package mysqlcluster.cluster;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mysqlcluster.settings.Settings;

/**
 * A MySQL (or MariaDB) primary/replica cluster on Rook-Ceph block storage. Its parts follow the seed's sections:
 * storage, server config, credentials, endpoints, database; and monitoring and backups.
 */
public final class MySqlCluster extends ComponentResource {
    public static final String TYPE = "mysql-cluster:index:MySqlCluster";

    @Export(name = "namespace", refs = {String.class}, tree = "[0]")
    private final Output<String> namespace;
    @Export(name = "writeHost", refs = {String.class}, tree = "[0]")
    private final Output<String> writeHost;
    @Export(name = "readHost", refs = {String.class}, tree = "[0]")
    private final Output<String> readHost;
    @Export(name = "port", refs = {Integer.class}, tree = "[0]")
    private final Output<Integer> port;
    @Export(name = "secretName", refs = {String.class}, tree = "[0]")
    private final Output<String> secretName;
    @Export(name = "storageClass", refs = {String.class}, tree = "[0]")
    private final Output<String> storageClass;
    @Export(name = "engine", refs = {String.class}, tree = "[0]")
    private final Output<String> engine;
    @Export(name = "version", refs = {String.class}, tree = "[0]")
    private final Output<String> version;

    private final Output<Boolean> rolledOut;

    public MySqlCluster(String name, Settings settings, ClusterSecrets secrets, ComponentResourceOptions options) {
        super(TYPE, name, options);
        Names names = Names.of(settings);
        List<Resource> crdReads = RequiredCrd.readAll(settings, this);
        var ns = NamespacePart.declare(settings, names, crdReads, this);
        var storage = StoragePart.declare(settings, names, crdReads, this);
        var config = ServerConfigPart.declare(settings, names, ns, this);
        var credentials = CredentialsPart.declare(settings, names, secrets, ns, this);
        var endpoints = EndpointsPart.declare(settings, names, ns, this);
        var backup = BackupPart.declare(settings, names, ns, config, storage, this);
        var database = DatabasePart.declare(settings, names, ns, config, credentials, storage, endpoints, backup, this);
        MonitoringPart.declare(settings, names, ns, this);

        this.rolledOut = database.rolledOut();
        this.namespace = ns.name();
        this.writeHost = Output.of(names.serviceHost(names.writeService()));
        this.readHost = Output.of(names.serviceHost(names.readService()));
        this.port = Output.of(PodLayout.MYSQL_PORT);
        this.secretName = Output.of(credentials.secretName());
        this.storageClass = storage.storageClassName();
        this.engine = Output.of(settings.engine().id());
        this.version = Output.of(imageTag(settings.serverImage()));
        registerOutputs(outputs());
    }

    /**
     * Known once the StatefulSet has rolled out and every claim has its size: an update that fails on either never
     * resolves it.
     */
    public Output<Boolean> rolledOut() {
        return rolledOut;
    }

    /** The stack outputs, by name. */
    public Map<String, Output<?>> outputs() {
        var outputs = new LinkedHashMap<String, Output<?>>();
        outputs.put("namespace", namespace);
        outputs.put("writeHost", writeHost);
        outputs.put("readHost", readHost);
        outputs.put("port", port);
        outputs.put("secretName", secretName);
        outputs.put("storageClass", storageClass);
        outputs.put("engine", engine);
        outputs.put("version", version);
        return outputs;
    }

    /** The version an image reference pins: its tag, or its digest. */
    static String imageTag(String image) {
        int at = image.indexOf('@');
        if (at >= 0) {
            return image.substring(at + 1);
        }
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(colon + 1) : image;
    }
}
