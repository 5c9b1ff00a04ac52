package mysqlcluster.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import mysqlcluster.settings.EngineVersion;
import org.junit.jupiter.api.Test;

/**
 * The S3 server the backup scenarios run against does what they rely on: a stream of unknown size uploaded in parts
 * and read back byte for byte, listing, deletion, and a request signed with a wrong key refused.
 */
class HarnessObjectStoreTest {
    static final Duration CALL = Duration.ofSeconds(60);

    @Test
    void aStreamedUploadReadsBackAndAWrongKeyIsRefused() throws Exception {
        HarnessPreconditions.require();
        try (var sts = EmulatedStatefulSet.of(BootstrapStack.manifests(EngineVersion.MARIADB_11_8))) {
            var store = HarnessObjectStore.start(sts, "objects.rook-ceph.svc", 512L << 20);
            assertOk(store.rclone(List.of("mkdir", ":s3:backups"), null, CALL));

            Path input = sts.runDirectory().resolve("input");
            byte[] data = new byte[24 << 20];
            new Random(7).nextBytes(data);
            Files.write(input, data);
            // rcat reads a stream of unknown size: above 5 MiB it goes up in 5 MiB parts (multipart)
            var upload = store.rclone(List.of("rcat", "-v", "--s3-chunk-size", "5M", ":s3:backups/run/blob"), input, CALL);
            assertOk(upload);
            assertTrue(upload.err().contains("Streaming uploads using chunk size 5Mi"), upload.err());

            assertEquals((24 << 20) + " run/blob", store.rclone(List.of("ls", ":s3:backups"), null, CALL).check().out()
                    .strip().replaceAll("\\s+", " "));
            String sum = store.rclone(List.of("hashsum", "sha256", "--download", ":s3:backups/run/blob"), null, CALL)
                    .check().out().strip().split("\\s+")[0];
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)), sum);

            var refused = store.rcloneWithKeys(store.accessKey(), "not-" + store.secretKey(),
                    List.of("ls", ":s3:backups"), null, CALL);
            assertNotEquals(0, refused.exit(), refused.out());
            assertTrue(refused.err().contains("SignatureDoesNotMatch"), refused.err());

            assertOk(store.rclone(List.of("deletefile", ":s3:backups/run/blob"), null, CALL));
            assertEquals("", store.rclone(List.of("ls", ":s3:backups"), null, CALL).check().out().strip());
        }
    }

    private static void assertOk(Host.Result result) {
        assertEquals(0, result.exit(), result.out() + result.err());
    }
}
