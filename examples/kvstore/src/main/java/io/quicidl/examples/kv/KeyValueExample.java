package io.quicidl.examples.kv;

import com.google.protobuf.ByteString;
import java.io.PrintStream;

/**
 * Runs a few operations against a local key-value server and prints each with its outcome: writes
 * that bump the version, a conditional write that loses to a newer version, and a read of a key
 * that is gone. The declared errors arrive as their own exception types.
 */
public final class KeyValueExample {
    private static final String KEY = "greeting";

    private KeyValueExample() {}

    public static void main(String[] args) {
        try (LocalKeyValue local = new LocalKeyValue()) {
            run(local.keyValue(), System.out);
        }
    }

    static void run(KeyValueClient kv, PrintStream out) {
        Entry first = kv.put(put("hello").build());
        out.printf("put %s = \"hello\"                 -> version %d%n", KEY, first.version());

        Entry read = kv.get(GetRequest.newBuilder().key(KEY).build());
        out.printf(
                "get %s                           -> \"%s\" (version %d)%n",
                KEY, read.value().toStringUtf8(), read.version());

        Entry second =
                kv.put(put("hello, world").expectedVersion(read.version()).build());
        out.printf("put %s = \"hello, world\" if v%d  -> version %d%n", KEY, read.version(), second.version());

        try {
            kv.put(put("hi").expectedVersion(read.version()).build());
            out.println("put over a stale version succeeded: the store is broken");
        } catch (VersionConflict e) {
            out.printf(
                    "put %s = \"hi\" if v%d            -> VersionConflict: v%d is stored%n",
                    KEY, e.expectedVersion(), e.actualVersion());
        }

        Deleted deleted = kv.delete(DeleteRequest.newBuilder().key(KEY).build());
        out.printf("delete %s                        -> %s%n", KEY, deleted.existed() ? "existed" : "was not there");

        try {
            kv.get(GetRequest.newBuilder().key(KEY).build());
            out.println("get after delete succeeded: the store is broken");
        } catch (KeyNotFound e) {
            out.printf("get %s                           -> KeyNotFound: %s%n", KEY, e.key());
        }
    }

    private static PutRequest.Builder put(String value) {
        return PutRequest.newBuilder().key(KEY).value(ByteString.copyFromUtf8(value));
    }
}
