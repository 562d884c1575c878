package io.quicidl.examples.showcase;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Wireshark dissector against every worked example of SPEC.md §11, which together have every
 * frame type and payload field of the protocol: each example frame is one packet of a capture
 * whose link type (DLT_USER0) tshark is told to hand to the dissector directly, and every field
 * the example annotates ({@code # field 1 method = "/example.Echo/ping"}) must be decoded with
 * the annotated value. Then frames that break SPEC.md must be reported, not decoded. Skipped when
 * tshark is not installed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DissectorSpecExamplesTest {
    private static final java.util.regex.Pattern BLOCK = java.util.regex.Pattern.compile(
            "<!-- wire-example: ([a-z0-9.-]+) -->\\n```hex\\n(.*?)```", java.util.regex.Pattern.DOTALL);
    /** An annotation of a field with a value: indentation (nested in a structure), name, value. */
    private static final java.util.regex.Pattern FIELD =
            java.util.regex.Pattern.compile("#( +)field \\d+ (\\w+) = (.*?)(?: \\(\\d+ bytes?\\))?$");
    /** An annotation of a structure field: {@code # field 3 metadata: MetadataEntry, 14 bytes}. */
    private static final java.util.regex.Pattern STRUCTURE = java.util.regex.Pattern.compile("# field \\d+ (\\w+):");

    private static final List<String> FRAME_NAMES = List.of(
            "CALL",
            "MESSAGE",
            "STATUS",
            "RESPONSE_HEADER",
            "HEADERS",
            "SETTINGS",
            "GOAWAY",
            "DRAINED",
            "STREAM_STOPPED",
            "PING",
            "PONG");
    /** The first part of the dissector's field names, per frame type. */
    private static final List<String> FIELD_PREFIXES = List.of(
            "call",
            "message",
            "status",
            "response_header",
            "headers",
            "settings",
            "goaway",
            "drained",
            "stream_stopped",
            "ping",
            "ping");
    /** DLT_USER0, which the {@code user_dlts} table below maps to the dissector. */
    private static final int USER_LINK_TYPE = 147;

    private static final List<String> USER_LINK_TYPE_OPTIONS =
            List.of("-o", "uat:user_dlts:\"User 0 (DLT=147)\",\"quicidl\",\"0\",\"\",\"0\",\"\"");

    @TempDir
    Path directory;

    /** One example: its id, its frame's bytes, and the dissector field and value of each annotated field. */
    record Example(String id, byte[] bytes, List<Map.Entry<String, String>> fields) {
        String frameName() {
            return FRAME_NAMES.get(bytes[0] - 1);
        }
    }

    @Test
    void decodesEveryFieldOfEverySpecExample() throws Exception {
        Tshark tshark = tshark();
        List<Example> examples = specExamples();
        assertEquals(
                Set.copyOf(FRAME_NAMES),
                examples.stream().map(Example::frameName).collect(java.util.stream.Collectors.toSet()),
                "SPEC.md §11 has an example of every frame type");
        Set<String> fieldNames = new LinkedHashSet<>(List.of("quicidl.frame.type"));
        examples.forEach(example -> example.fields().forEach(field -> fieldNames.add(field.getKey())));
        assertTrue(
                fieldNames.containsAll(List.of(
                        "quicidl.call.method",
                        "quicidl.metadata.key",
                        "quicidl.metadata.value",
                        "quicidl.status.error.type",
                        "quicidl.stream_stopped.status_code",
                        "quicidl.ping.opaque")),
                "annotated fields found in SPEC.md: " + fieldNames);
        Path capture = capture(examples.stream().map(Example::bytes).toList());

        List<Map<String, List<String>>> packets =
                tshark.packets(capture, USER_LINK_TYPE_OPTIONS, List.copyOf(fieldNames));

        assertEquals(examples.size(), packets.size(), "packets with quicidl frames");
        for (int i = 0; i < examples.size(); i++) {
            Example example = examples.get(i);
            Map<String, List<String>> packet = packets.get(i);
            assertEquals(
                    List.of(String.format("0x%08x", example.bytes()[0])),
                    packet.get("quicidl.frame.type"),
                    example.id() + ": the frame type");
            for (Map.Entry<String, String> field : example.fields()) {
                List<String> decoded = packet.getOrDefault(field.getKey(), List.of());
                assertTrue(
                        decoded.stream().anyMatch(value -> sameValue(field.getValue(), value)),
                        example.id() + ": " + field.getKey() + " should be " + field.getValue() + ", decoded "
                                + decoded);
            }
            for (String expert : packet.getOrDefault(Tshark.EXPERT, List.of())) {
                assertTrue(expert.startsWith("Status "), example.id() + ": " + expert);
            }
        }
    }

    @Test
    void reportsFramesThatBreakTheSpec() throws Exception {
        Tshark tshark = tshark();
        HexFormat hex = HexFormat.of();
        List<byte[]> frames = List.of(
                // An unknown frame type, 0x0c (SPEC.md §2).
                hex.parseHex("0c00"),
                // CALL whose field 1 method is a varint instead of a string (SPEC.md §3).
                hex.parseHex("01020802"),
                // STATUS whose field 2 message runs past the end of the payload.
                hex.parseHex("0303120501"),
                // HEADERS with a metadata entry that has no key (SPEC.md §7.1).
                hex.parseHex("05040a021200"));
        List<Map<String, List<String>>> packets =
                tshark.packets(capture(frames), USER_LINK_TYPE_OPTIONS, List.of("quicidl.frame.type"));

        assertEquals(frames.size(), packets.size(), "packets with quicidl frames");
        assertExpert(packets.get(0), "Unknown quicidl frame type UNKNOWN(0xc)");
        assertExpert(packets.get(1), "Malformed quicidl frame: field 1 has wire type 0");
        assertExpert(packets.get(2), "Malformed quicidl frame: STATUS payload: length of field 2 runs past the end");
        assertExpert(packets.get(3), "Malformed quicidl frame: metadata entry without a key");
    }

    private Tshark tshark() {
        Optional<Tshark> tshark = Tshark.find(directory);
        assumeTrue(
                tshark.isPresent(),
                "tshark is not on PATH (Debian: apt-get install tshark); the Wireshark dissector test needs it");
        return tshark.get();
    }

    private static void assertExpert(Map<String, List<String>> packet, String start) {
        List<String> experts = packet.getOrDefault(Tshark.EXPERT, List.of());
        assertTrue(experts.stream().anyMatch(expert -> expert.startsWith(start)), start + " not in " + experts);
    }

    /** Whether tshark's text of a field is the value SPEC.md annotates. */
    private static boolean sameValue(String annotated, String decoded) {
        if (annotated.startsWith("\"")) {
            return decoded.equals(annotated.substring(1, annotated.length() - 1));
        }
        if (annotated.startsWith("bytes \"")) {
            return decoded.equals(HexFormat.of()
                    .formatHex(annotated.substring(7, annotated.length() - 1).getBytes(UTF_8)));
        }
        if (annotated.startsWith("bytes ")) {
            return decoded.equals(annotated.substring(6).replace(" ", ""));
        }
        if (annotated.equals("true") || annotated.equals("false")) {
            return decoded.equals(annotated.equals("true") ? "1" : "0");
        }
        // A number, perhaps followed by the name of its code: "9 FAILED_PRECONDITION".
        return Long.decode(decoded) == Long.parseLong(annotated.split(" ")[0]);
    }

    /** The examples of SPEC.md with the dissector fields their annotations name. */
    private static List<Example> specExamples() throws IOException {
        String spec = Files.readString(Tshark.repositoryFile("SPEC.md"), UTF_8);
        List<Example> examples = new ArrayList<>();
        Matcher block = BLOCK.matcher(spec);
        while (block.find()) {
            if (block.group(1).contains(".datagram-")) {
                continue; // a QUIC DATAGRAM payload (SPEC.md §5.9), not a frame on a stream
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            List<String> lines = block.group(2).lines().toList();
            for (String line : lines) {
                String data = line.replaceAll("#.*", "").replaceAll("\\s+", "");
                bytes.writeBytes(HexFormat.of().parseHex(data));
            }
            byte[] frame = bytes.toByteArray();
            String prefix = "quicidl." + FIELD_PREFIXES.get(frame[0] - 1) + ".";
            List<Map.Entry<String, String>> fields = new ArrayList<>();
            String structure = "";
            for (String line : lines) {
                Matcher structureLine = STRUCTURE.matcher(line);
                if (structureLine.find()) {
                    structure = structureLine.group(1);
                }
                Matcher field = FIELD.matcher(line);
                if (!field.find() || frame[0] == 0x02) {
                    continue; // MESSAGE payloads are the application's, decoded without a schema
                }
                boolean nested = field.group(1).length() > 1;
                String name = !nested
                        ? prefix + field.group(2)
                        : structure.equals("error")
                                ? "quicidl.status.error." + field.group(2)
                                : "quicidl.metadata." + field.group(2);
                fields.add(Map.entry(name, field.group(3)));
            }
            examples.add(new Example(block.group(1), frame, fields));
        }
        assertFalse(examples.isEmpty(), "no wire examples found in SPEC.md");
        return examples;
    }

    /** A pcap file with one packet per frame, of link type DLT_USER0. */
    private Path capture(List<byte[]> frames) throws IOException {
        ByteBuffer file = ByteBuffer.allocate(24
                        + frames.stream().mapToInt(frame -> 16 + frame.length).sum())
                .order(ByteOrder.LITTLE_ENDIAN);
        file.putInt(0xa1b2c3d4)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0)
                .putInt(65535);
        file.putInt(USER_LINK_TYPE);
        int second = 0;
        for (byte[] frame : frames) {
            file.putInt(second++)
                    .putInt(0)
                    .putInt(frame.length)
                    .putInt(frame.length)
                    .put(frame);
        }
        Path capture = directory.resolve("frames.pcap");
        Files.write(capture, file.array());
        return capture;
    }
}
