package mysqlcluster.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The resources a stack's state holds, from `pulumi stack export`. */
final class StackState {
    private StackState() {
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
