package mysqlcluster.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** What a StatefulSet's rollout looks like in the API server at one moment: done, or what is still missing. */
record StatefulSetRollout(String name, String namespace) {
    /** Empty when the controller has seen the last spec and every pod runs its update revision and is ready. */
    List<String> unfinished(Kubectl kubectl) {
        JsonNode sts = kubectl.get("statefulset/" + name, "-n", namespace);
        var missing = new ArrayList<String>();
        long generation = sts.at("/metadata/generation").asLong();
        long observed = sts.at("/status/observedGeneration").asLong();
        if (observed < generation) {
            missing.add("the controller has seen generation " + observed + " of " + generation);
        }
        int replicas = sts.at("/spec/replicas").asInt();
        String revision = sts.at("/status/updateRevision").asText();
        if (!revision.equals(sts.at("/status/currentRevision").asText())) {
            missing.add("currentRevision " + sts.at("/status/currentRevision").asText() + " is not " + revision);
        }
        for (int i = 0; i < replicas; i++) {
            String pod = name + "-" + i;
            if (!kubectl.exists("pod/" + pod, "-n", namespace)) {
                missing.add(pod + " does not exist");
                continue;
            }
            JsonNode p = kubectl.get("pod/" + pod, "-n", namespace);
            String podRevision = p.at("/metadata/labels/controller-revision-hash").asText();
            if (!podRevision.equals(revision)) {
                missing.add(pod + " runs revision " + podRevision + ", not " + revision);
            }
            boolean ready = false;
            for (JsonNode c : p.at("/status/conditions")) {
                ready |= c.get("type").asText().equals("Ready") && c.get("status").asText().equals("True");
            }
            if (!ready) {
                missing.add(pod + " is not ready");
            }
        }
        return missing;
    }
}
