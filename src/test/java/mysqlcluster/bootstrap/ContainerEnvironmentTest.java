package mysqlcluster.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The emulated kubelet expands $(NAME) in env values as the real one does (BucketAccess's S3_ENDPOINT relies on it). */
class ContainerEnvironmentTest {
    @Test
    void referencesToEarlierVariablesAreExpandedOthersKeptAndDoubledDollarsEscaped() {
        var defined = Map.of("BUCKET_HOST", "rgw.rook-ceph.svc", "BUCKET_PORT", "80");
        assertEquals("http://rgw.rook-ceph.svc:80",
                ContainerEnvironment.expand("http://$(BUCKET_HOST):$(BUCKET_PORT)", defined));
        assertEquals("$(LATER)/x", ContainerEnvironment.expand("$(LATER)/x", defined), "undefined: left as written");
        assertEquals("$(BUCKET_HOST)", ContainerEnvironment.expand("$$(BUCKET_HOST)", defined), "escaped");
        assertEquals("a $ b", ContainerEnvironment.expand("a $ b", defined));
    }
}
