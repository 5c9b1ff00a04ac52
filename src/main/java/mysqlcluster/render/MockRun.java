package mysqlcluster.render;

import com.pulumi.resources.ResourceOptions;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import mysqlcluster.Program;
import mysqlcluster.settings.Settings;

/**
 * One run of the program on the SDK's in-process mock engine: what it declared (each Kubernetes resource's inputs as
 * a manifest), the patches it declared on objects others create (server-side apply of some fields; not objects to
 * apply on their own), both also by Pulumi resource ("type::name"), the options it declared them with (by the same
 * key) and the stack outputs.
 */
public record MockRun(List<Map<String, Object>> manifests, List<Map<String, Object>> patches,
                      Map<String, Map<String, Object>> byResource, Map<String, ResourceOptions> options,
                      Map<String, Object> outputs) {

    public static MockRun of(Settings settings, SecretValues secrets) {
        var manifests = Collections.synchronizedList(new ArrayList<Map<String, Object>>());
        var patches = Collections.synchronizedList(new ArrayList<Map<String, Object>>());
        var byResource = Collections.synchronizedMap(new LinkedHashMap<String, Map<String, Object>>());
        var options = Collections.synchronizedMap(new LinkedHashMap<String, ResourceOptions>());
        Mocks mocks = args -> {
            if (args.type.startsWith("kubernetes:") && (args.id == null || args.id.isEmpty())) {
                var manifest = Manifests.fromInputs(args.inputs);
                (args.type.endsWith("Patch") ? patches : manifests).add(manifest);
                byResource.put(key(args.type, args.name), manifest);
            }
            // a read (the CRDs the program needs) declares nothing: it is not one of the manifests
            return CompletableFuture.completedFuture(Mocks.ResourceResult.of(Optional.of(args.name + "-id"), args.inputs));
        };
        ResourceTransformation recordOptions = args -> {
            options.put(key(args.resource().pulumiResourceType(), args.resource().pulumiResourceName()), args.options());
            return Optional.empty();
        };
        try {
            var result = PulumiTest.withMocks(mocks)
                    .withOptions(TestOptions.builder().projectName(Settings.PROJECT).stackName("mock").preview(true)
                            .resourceTransformations(List.of(recordOptions)).build())
                    .runTest(ctx -> Program.declare(ctx, settings, secrets.toClusterSecrets(settings)));
            if (!result.exceptions().isEmpty()) {
                throw new IllegalStateException("the program failed under the mock engine", result.exceptions().get(0));
            }
            if (!result.errors().isEmpty()) {
                throw new IllegalStateException("the program failed under the mock engine: " + result.errors());
            }
            var outputs = new LinkedHashMap<String, Object>();
            result.outputs().forEach((name, output) -> outputs.put(name, Manifests.normalize(PulumiTest.extractValue(output))));
            return new MockRun(List.copyOf(manifests), List.copyOf(patches), Map.copyOf(byResource), Map.copyOf(options),
                    outputs);
        } finally {
            PulumiTest.cleanup();
        }
    }

    public static String key(String type, String name) {
        return type + "::" + name;
    }
}
