package io.quicidl.benchmarks.reliability;

import com.google.protobuf.ByteString;
import io.quicidl.benchmarks.reliability.schema.Item;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * The bytes every reliability test sends: a pure function of (call, index, size), so that the
 * receiving side can check each message without being told what was sent. Random rather than
 * constant bytes, so that a corrupted, truncated or misplaced message cannot pass for another.
 */
final class Payloads {
    private Payloads() {}

    /** The data of item {@code index} of call {@code call}, {@code size} bytes long. */
    static ByteString data(long call, int index, int size) {
        byte[] bytes = new byte[size];
        new SplittableRandom(call * 1_000_003L + index).nextBytes(bytes);
        return ByteString.copyFrom(bytes);
    }

    /** Item {@code index} of call {@code call} with its data. */
    static Item item(long call, int index, int size) {
        return Item.newBuilder()
                .call(call)
                .index(index)
                .data(data(call, index, size))
                .build();
    }

    /** Whether {@code item} holds exactly the data its call and index promise. */
    static boolean intact(Item item) {
        return item.data().equals(data(item.call(), item.index(), item.data().size()));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
