package io.quicidl.idl;

import io.quicidl.idl.diagnostic.SchemaException;
import io.quicidl.idl.model.Schema;
import io.quicidl.idl.source.SourceProvider;
import java.util.List;
import java.util.Map;

/**
 * Times loading one large schema: 1,000 messages and 100 services of 10 rpcs each. Not a
 * test (timings on shared machines make poor assertions); run it by hand:
 *
 * <pre>
 * java -cp target/classes:target/test-classes:antlr4-runtime.jar io.quicidl.idl.SchemaBenchmark
 * </pre>
 */
public final class SchemaBenchmark {

    private SchemaBenchmark() {}

    public static void main(String[] args) throws SchemaException {
        String text = largeSchema(1_000, 100);
        SourceProvider sources = SourceProvider.inMemory(Map.of("big.quic", text));
        long cold = time(sources);
        long warm = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            warm = Math.min(warm, time(sources));
        }
        System.out.printf(
                "%,d bytes, %,d lines: first load %d ms, best of 10 warm loads %d ms%n",
                text.length(), text.lines().count(), cold / 1_000_000, warm / 1_000_000);
    }

    private static long time(SourceProvider sources) throws SchemaException {
        long start = System.nanoTime();
        Schema schema = new SchemaLoader(sources).load(List.of("big.quic"));
        long elapsed = System.nanoTime() - start;
        if (schema.types().size() != 1_001 || schema.services().size() != 100) {
            throw new IllegalStateException("unexpected schema size");
        }
        return elapsed;
    }

    /** Messages M0..M(n-1), each with scalar, container and reference fields, and services. */
    static String largeSchema(int messages, int services) {
        StringBuilder out = new StringBuilder("package bench.big;\n\nenum Color { COLOR_UNSPECIFIED = 0; RED = 1; }\n");
        for (int i = 0; i < messages; i++) {
            String previous = "M" + Math.max(0, i - 1);
            out.append("\n/// Message number ")
                    .append(i)
                    .append(".\nmessage M")
                    .append(i)
                    .append(" {\n")
                    .append("  string name = 1;\n  int64 id = 2;\n  optional bytes blob = 3;\n")
                    .append("  list<string> tags = 4;\n  map<string, int32> counts = 5;\n")
                    .append("  Color color = 6;\n  ")
                    .append(previous)
                    .append(" previous = 7;\n")
                    .append("  list<")
                    .append(previous)
                    .append("> history = 8;\n  reserved 9, 10 to 12;\n}\n");
        }
        for (int s = 0; s < services; s++) {
            out.append("\nservice S").append(s).append(" {\n");
            for (int r = 0; r < 10; r++) {
                String a = "M" + ((s * 10 + r) % messages);
                out.append("  @unary @deadline(ms = 1000)\n  rpc call_")
                        .append(r)
                        .append('(')
                        .append(a)
                        .append(") returns (")
                        .append(a)
                        .append(");\n");
            }
            out.append("}\n");
        }
        return out.toString();
    }
}
