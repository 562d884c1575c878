package io.quicidl.examples.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FileTransferTest {
    private static final int FILE_BYTES = 3 << 20;

    private static LocalFiles local;
    private static Transfers transfers;
    private static byte[] bytes;
    private static ByteString content;
    private static Receipt receipt;

    @BeforeAll
    static void uploadARandomFile() {
        local = new LocalFiles();
        transfers = local.transfers();
        bytes = new byte[FILE_BYTES];
        new Random(5).nextBytes(bytes);
        content = ByteString.copyFrom(bytes);
        receipt = transfers.upload("three.bin", content);
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void uploadReceiptCarriesSizeAndSha256() {
        assertEquals("three.bin", receipt.name());
        assertEquals(FILE_BYTES, receipt.bytes());
        assertEquals(HexFormat.of().formatHex(FileStore.sha256().digest(bytes)), receipt.sha256());
    }

    @Test
    void downloadReturnsEveryByteInOrder() {
        assertEquals(content, transfers.download("three.bin"));
    }

    @Test
    void blocksFetchedOutOfOrderReassembleByIndex() {
        assertEquals(content, transfers.fetch("three.bin", 100_000));
    }

    @Test
    void aMissingFileFailsWithTypedNoSuchFile() {
        assertEquals(
                "nothing.bin",
                assertThrows(NoSuchFile.class, () -> transfers.download("nothing.bin"))
                        .name());
        assertEquals(
                "nothing.bin",
                assertThrows(NoSuchFile.class, () -> transfers.fetch("nothing.bin", 1024))
                        .name());
    }

    @Test
    void aBlockSizeOverTheLimitIsRejected() {
        StatusException rejected =
                assertThrows(StatusException.class, () -> transfers.fetch("three.bin", FileStore.MAX_BLOCK_BYTES + 1));
        assertEquals(StatusCode.INVALID_ARGUMENT, rejected.code());
    }

    @Test
    void theExampleGetsIntactCopies() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        boolean intact = FileTransferExample.run(transfers, 1 << 20, new PrintStream(printed, true, UTF_8));
        assertTrue(intact, printed.toString(UTF_8));
    }
}
