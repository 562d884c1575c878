package io.quicidl.examples.files;

import com.google.protobuf.ByteString;
import java.io.PrintStream;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Uploads a file of random bytes, then gets it back twice, as one ordered download and as blocks
 * fetched out of order, checking every byte and printing how long each way took.
 */
public final class FileTransferExample {
    private static final int FILE_BYTES = 4 << 20;
    private static final int BLOCK_BYTES = 128 * 1024;

    private FileTransferExample() {}

    public static void main(String[] args) {
        try (LocalFiles local = new LocalFiles()) {
            boolean intact = run(local.transfers(), FILE_BYTES, System.out);
            if (!intact) {
                System.exit(1);
            }
        }
    }

    /** Moves {@code fileBytes} random bytes three ways; true when the receipt and both copies match. */
    static boolean run(Transfers transfers, int fileBytes, PrintStream out) {
        byte[] bytes = new byte[fileBytes];
        new Random(20261125).nextBytes(bytes);
        ByteString content = ByteString.copyFrom(bytes);
        String sha256 = HexFormat.of().formatHex(FileStore.sha256().digest(bytes));

        Receipt receipt = timed(out, "upload   (@client_streaming)", () -> transfers.upload("random.bin", content));
        out.printf("  receipt: %d bytes, sha256 %s%n", receipt.bytes(), receipt.sha256());
        boolean intact = receipt.bytes() == fileBytes && receipt.sha256().equals(sha256);

        ByteString downloaded = timed(out, "download (@server_streaming)", () -> transfers.download("random.bin"));
        intact &= check(out, downloaded, content);

        ByteString fetched = timed(
                out,
                "fetch    (@unordered, " + BLOCK_BYTES / 1024 + " KiB blocks)",
                () -> transfers.fetch("random.bin", BLOCK_BYTES));
        intact &= check(out, fetched, content);
        out.println(intact ? "every copy is intact" : "COPIES DIFFER");
        return intact;
    }

    private static boolean check(PrintStream out, ByteString copy, ByteString original) {
        boolean same = copy.equals(original);
        out.printf("  %d bytes, %s%n", copy.size(), same ? "identical" : "DIFFERENT");
        return same;
    }

    private static <T> T timed(PrintStream out, String what, Supplier<T> transfer) {
        long start = System.nanoTime();
        T result = transfer.get();
        out.printf("%-40s %6.1f ms%n", what, (System.nanoTime() - start) / 1e6);
        return result;
    }
}
