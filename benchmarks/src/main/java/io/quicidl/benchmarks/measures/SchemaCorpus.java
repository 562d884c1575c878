package io.quicidl.benchmarks.measures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A large schema for measure 9, written once as {@code .quic} and once as the equivalent
 * {@code .proto}: {@code messages} messages of mixed field types and {@code services} services of
 * ten rpcs each (every one of the seven patterns, plus unary and server-streaming variants), spread
 * over {@code parts} files of one package that import a common file and the part before them.
 *
 * <p>protobuf has no one-way rpcs, so the {@code .proto} declares {@code @notifications} and
 * {@code @realtime} rpcs as client streams that return an empty {@code Ack}, one message more than
 * the {@code .quic}.
 */
public final class SchemaCorpus {
    static final String PACKAGE = "bench.big";
    static final int RPCS_PER_SERVICE = 10;

    private final int messages;
    private final int services;
    private final int parts;

    /** {@code messages} and {@code services} must divide evenly into {@code parts} files. */
    public SchemaCorpus(int messages, int services, int parts) {
        if (parts < 1 || messages % parts != 0 || services % parts != 0 || messages / parts < 2) {
            throw new IllegalArgumentException(
                    messages + " messages and " + services + " services do not split evenly into " + parts + " files");
        }
        this.messages = messages;
        this.services = services;
        this.parts = parts;
    }

    public int messages() {
        return messages;
    }

    public int services() {
        return services;
    }

    /** File names relative to the import root, the common file first. */
    public List<String> quicFiles() {
        return fileNames("quic");
    }

    /** File names relative to the import root, the common file first. */
    public List<String> protoFiles() {
        return fileNames("proto");
    }

    /** The {@code .quic} files, by name. */
    public Map<String, String> quicSources() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(
                "common.quic",
                "package " + PACKAGE + ";\noption java_package = \"" + PACKAGE + ".quicidl\";\n\n"
                        + "enum Priority { PRIORITY_UNSPECIFIED = 0; PRIORITY_LOW = 1; PRIORITY_HIGH = 2; }\n");
        for (int part = 0; part < parts; part++) {
            StringBuilder out = new StringBuilder();
            out.append("package ")
                    .append(PACKAGE)
                    .append(";\noption java_package = \"")
                    .append(PACKAGE)
                    .append(".quicidl\";\n\nimport \"common.quic\";\n");
            if (part > 0) {
                out.append("import \"part").append(part - 1).append(".quic\";\n");
            }
            for (int m = firstMessage(part); m < firstMessage(part + 1); m++) {
                quicMessage(out, m);
            }
            for (int s = firstService(part); s < firstService(part + 1); s++) {
                quicService(out, part, s);
            }
            sources.put("part" + part + ".quic", out.toString());
        }
        return sources;
    }

    /** The {@code .proto} files, by name. */
    public Map<String, String> protoSources() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(
                "common.proto",
                protoHeader("CommonProto")
                        + "enum Priority { PRIORITY_UNSPECIFIED = 0; PRIORITY_LOW = 1; PRIORITY_HIGH = 2; }\n\n"
                        + "// What a one-way rpc returns: protobuf rpcs always have a response type.\nmessage Ack {}\n");
        for (int part = 0; part < parts; part++) {
            StringBuilder out = new StringBuilder(protoHeader("Part" + part + "Proto"));
            out.append("import \"common.proto\";\n");
            if (part > 0) {
                out.append("import \"part").append(part - 1).append(".proto\";\n");
            }
            for (int m = firstMessage(part); m < firstMessage(part + 1); m++) {
                protoMessage(out, m);
            }
            for (int s = firstService(part); s < firstService(part + 1); s++) {
                protoService(out, part, s);
            }
            sources.put("part" + part + ".proto", out.toString());
        }
        return sources;
    }

    /** Writes the {@code .quic} files into {@code quicRoot} and the {@code .proto} files into {@code protoRoot}. */
    public void writeTo(Path quicRoot, Path protoRoot) throws IOException {
        write(quicRoot, quicSources());
        write(protoRoot, protoSources());
    }

    private static void write(Path root, Map<String, String> sources) throws IOException {
        Files.createDirectories(root);
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Files.writeString(root.resolve(source.getKey()), source.getValue());
        }
    }

    private List<String> fileNames(String extension) {
        List<String> names = new ArrayList<>();
        names.add("common." + extension);
        for (int part = 0; part < parts; part++) {
            names.add("part" + part + "." + extension);
        }
        return names;
    }

    private int firstMessage(int part) {
        return part * (messages / parts);
    }

    private int firstService(int part) {
        return part * (services / parts);
    }

    /** Scalars of every wire type, an optional, lists, maps, an enum and (but in M0) the message before. */
    private static void quicMessage(StringBuilder out, int m) {
        out.append("\n/// Message number ")
                .append(m)
                .append(".\nmessage M")
                .append(m)
                .append(" {\n")
                .append("  string name = 1;\n  int64 id = 2;\n  optional bytes blob = 3;\n")
                .append("  list<string> tags = 4;\n  map<string, int32> counts = 5;\n  Priority priority = 6;\n");
        if (m > 0) {
            out.append("  M")
                    .append(m - 1)
                    .append(" previous = 7;\n  list<M")
                    .append(m - 1)
                    .append("> history = 8;\n");
        }
        out.append("  bool active = 9;\n  float64 score = 10;\n  sint64 delta = 11;\n  fixed32 flags = 12;\n")
                .append("  list<uint32> sizes = 13;\n  map<uint64, string> labels = 14;\n  float32 ratio = 15;\n")
                .append("  reserved 16 to 18;\n}\n");
    }

    private static void protoMessage(StringBuilder out, int m) {
        out.append("\n// Message number ")
                .append(m)
                .append(".\nmessage M")
                .append(m)
                .append(" {\n")
                .append("  string name = 1;\n  int64 id = 2;\n  optional bytes blob = 3;\n")
                .append("  repeated string tags = 4;\n  map<string, int32> counts = 5;\n  Priority priority = 6;\n");
        if (m > 0) {
            out.append("  M")
                    .append(m - 1)
                    .append(" previous = 7;\n  repeated M")
                    .append(m - 1)
                    .append(" history = 8;\n");
        }
        out.append("  bool active = 9;\n  double score = 10;\n  sint64 delta = 11;\n  fixed32 flags = 12;\n")
                .append("  repeated uint32 sizes = 13;\n  map<uint64, string> labels = 14;\n  float ratio = 15;\n")
                .append("  reserved 16 to 18;\n}\n");
    }

    private void quicService(StringBuilder out, int part, int s) {
        out.append("\nservice S").append(s).append(" {\n");
        for (int r = 0; r < RPCS_PER_SERVICE; r++) {
            String a = request(part, s, r);
            String b = response(part, s, r);
            String rpc = switch (r) {
                case 0 -> "@unary rpc get(" + a + ") returns (" + b + ");";
                case 1 -> "@unary @idempotent @deadline(ms = 1000) rpc lookup(" + a + ") returns (" + b + ");";
                case 2 -> "@server_streaming rpc watch(" + a + ") returns (stream " + b + ");";
                case 3 -> "@client_streaming rpc upload(stream " + a + ") returns (" + b + ");";
                case 4 -> "@duplex rpc chat(stream " + a + ") returns (stream " + b + ");";
                case 5 -> "@notifications rpc publish(stream " + a + ");";
                case 6 -> "@unordered rpc fetch(" + a + ") returns (stream " + b + ");";
                case 7 -> "@realtime(max_age_ms = 100) rpc feed(stream " + a + ");";
                case 8 -> "@unary @max_message_bytes(65536) rpc put(" + a + ") returns (" + b + ");";
                default -> "@server_streaming rpc browse(" + a + ") returns (stream " + b + ");";
            };
            out.append("  /// Rpc ")
                    .append(r)
                    .append(" of service ")
                    .append(s)
                    .append(".\n  ")
                    .append(rpc)
                    .append('\n');
        }
        out.append("}\n");
    }

    private void protoService(StringBuilder out, int part, int s) {
        out.append("\nservice S").append(s).append(" {\n");
        for (int r = 0; r < RPCS_PER_SERVICE; r++) {
            String a = request(part, s, r);
            String b = response(part, s, r);
            String rpc = switch (r) {
                case 0 -> "rpc get(" + a + ") returns (" + b + ");";
                case 1 -> "rpc lookup(" + a + ") returns (" + b + ") { option idempotency_level = IDEMPOTENT; }";
                case 2 -> "rpc watch(" + a + ") returns (stream " + b + ");";
                case 3 -> "rpc upload(stream " + a + ") returns (" + b + ");";
                case 4 -> "rpc chat(stream " + a + ") returns (stream " + b + ");";
                case 5 -> "rpc publish(stream " + a + ") returns (Ack);";
                case 6 -> "rpc fetch(" + a + ") returns (stream " + b + ");";
                case 7 -> "rpc feed(stream " + a + ") returns (Ack);";
                case 8 -> "rpc put(" + a + ") returns (" + b + ");";
                default -> "rpc browse(" + a + ") returns (stream " + b + ");";
            };
            out.append("  // Rpc ")
                    .append(r)
                    .append(" of service ")
                    .append(s)
                    .append(".\n  ")
                    .append(rpc)
                    .append('\n');
        }
        out.append("}\n");
    }

    /** A message of the service's own file, so that no more imports are needed. */
    private String request(int part, int s, int r) {
        int perPart = messages / parts;
        return "M" + (firstMessage(part) + (s * RPCS_PER_SERVICE + r) % perPart);
    }

    private String response(int part, int s, int r) {
        int perPart = messages / parts;
        return "M" + (firstMessage(part) + (s * RPCS_PER_SERVICE + r + 1) % perPart);
    }

    private static String protoHeader(String outerClass) {
        return "syntax = \"proto3\";\npackage " + PACKAGE + ";\noption java_package = \"" + PACKAGE + ".proto\";\n"
                + "option java_multiple_files = true;\noption java_outer_classname = \"" + outerClass + "\";\n\n";
    }
}
