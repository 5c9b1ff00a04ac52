package mysqlcluster.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The resources a stack's state holds, from `pulumi stack export`. */
final class StackState {
    /** The key that marks a secret value in a Pulumi state (sdk/go/common/resource/sig). */
    static final String SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

    private StackState() {
    }

    /** How many secret values the stack's state holds, encrypted with its passphrase, in resources and outputs. */
    static int secretValues(StackWorkspace stack) {
        try {
            JsonNode state = new ObjectMapper().readTree(stack.pulumi().check("stack", "export", "--stack", stack.stack()));
            return count(state.path("deployment"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int count(JsonNode node) {
        int n = node.has(SECRET_SIGNATURE) ? 1 : 0;
        for (JsonNode child : node) {
            n += count(child);
        }
        return n;
    }

    /** The URNs of the stack's resources of a type token (e.g. kubernetes:core/v1:Namespace). */
    static List<String> urns(StackWorkspace stack, String type) {
        try {
            JsonNode state = new ObjectMapper().readTree(stack.pulumi().check("stack", "export", "--stack", stack.stack()));
            var urns = new ArrayList<String>();
            for (JsonNode resource : state.at("/deployment/resources")) {
                if (resource.get("type").asText().equals(type)) {
                    urns.add(resource.get("urn").asText());
                }
            }
            return urns;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
