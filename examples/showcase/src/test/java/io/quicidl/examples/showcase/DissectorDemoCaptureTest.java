package io.quicidl.examples.showcase;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quicidl.runtime.tls.KeyLogFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Wireshark dissector against a real capture: the showcase demo runs in a child JVM with
 * {@code SSLKEYLOGFILE} set, {@code dumpcap} records its loopback UDP, and {@code tshark} with
 * {@code tools/wireshark/quicidl.lua} decrypts the capture and must decode every frame type the
 * demo sends, with the values the demo's calls put in them. Skipped when tshark is not installed.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DissectorDemoCaptureTest {
    private static final String SHOWCASE = "/quicidl.showcase.Showcase/";
    private static final List<String> FIELDS = List.of(
            "quicidl.frame.type",
            "quicidl.frame.length",
            "quicidl.stream_role",
            "quicidl.stream_method",
            "quicidl.call.method",
            "quicidl.call.timeout_micros",
            "quicidl.call.realtime_end",
            "quicidl.status.code",
            "quicidl.status.error.type",
            "quicidl.status.response_count",
            "quicidl.response_header.index",
            "quicidl.settings.max_message_bytes",
            "quicidl.goaway.code",
            "quicidl.stream_stopped.code");

    /** Where the capture and its key log stay after the test, to open in Wireshark. */
    private final Path directory = Path.of("target", "dissector-demo");

    @Test
    void decodesEveryFrameTypeTheDemoSends() throws Exception {
        deleteRecursively(directory);
        Files.createDirectories(directory);
        Optional<Tshark> tshark = Tshark.find(directory);
        Optional<Path> dumpcap = Tshark.onPath("dumpcap");
        assumeTrue(
                tshark.isPresent() && dumpcap.isPresent(),
                "tshark and dumpcap are not both on PATH (Debian: apt-get install tshark); "
                        + "the Wireshark dissector test needs them");
        Path capture = directory.resolve("demo.pcapng");
        Path keys = directory.resolve("keys.log");
        int port = LoopbackCapture.freePort();
        try (LoopbackCapture recording = LoopbackCapture.start(dumpcap.get(), port, capture)) {
            runDemo(port, keys);
            recording.stop();
        }
        List<Map<String, List<String>>> packets =
                tshark.get().packets(capture, List.of("-o", "tls.keylog_file:" + keys), FIELDS);

        assertEquals(
                Set.of(
                        "CALL",
                        "MESSAGE",
                        "STATUS",
                        "RESPONSE_HEADER",
                        "SETTINGS",
                        "GOAWAY",
                        "DRAINED",
                        "STREAM_STOPPED"),
                frameTypesIn(packets).stream()
                        .filter(name -> !name.equals("PING") && !name.equals("PONG"))
                        .collect(Collectors.toSet()),
                "frame types decoded (PING and PONG come only when liveness checks run)");
        Set<String> methods = values(packets, "quicidl.call.method");
        for (String method : List.of("shout", "countdown", "summarize", "echo", "log", "blocks", "feed")) {
            assertTrue(methods.contains(SHOWCASE + method), "no CALL of " + method + " in " + methods);
        }
        // Every call of the demo runs within 10 s (ShowcaseCalls.WITHIN).
        for (String timeout : values(packets, "quicidl.call.timeout_micros")) {
            long micros = Long.parseLong(timeout);
            assertTrue(micros > 0 && micros <= 10_000_000, "CALL timeout " + micros + " µs");
        }
        assertEquals(Set.of("1"), values(packets, "quicidl.call.realtime_end"), "the CALL that ends the feed");
        assertTrue(
                values(packets, "quicidl.status.code").containsAll(Set.of("0", "9")),
                "STATUS OK and the declared error's FAILED_PRECONDITION: " + values(packets, "quicidl.status.code"));
        assertEquals(Set.of("quicidl.showcase.Rejected"), values(packets, "quicidl.status.error.type"));
        assertEquals(Set.of("8"), values(packets, "quicidl.status.response_count"));
        assertEquals(
                LongStream.range(0, 8).mapToObj(Long::toString).collect(Collectors.toSet()),
                values(packets, "quicidl.response_header.index"));
        assertEquals(Set.of("4194304"), values(packets, "quicidl.settings.max_message_bytes"));
        assertEquals(Set.of("0x00000000"), values(packets, "quicidl.goaway.code"), "GOAWAY NO_ERROR");
        assertTrue(
                values(packets, "quicidl.stream_stopped.code").contains("0x00000001"),
                "STREAM_STOPPED CANCELLED of the cancelled countdown");
        // A 16 KiB block travels in a dozen QUIC packets: its MESSAGE is decoded only if reassembled.
        long reassembled = packets.stream()
                .flatMap(packet -> packet.getOrDefault("quicidl.frame.length", List.of()).stream())
                .mapToLong(Long::parseLong)
                .filter(length -> length > 16 * 1024)
                .count();
        assertTrue(reassembled >= 8, "MESSAGE frames over 16 KiB decoded: " + reassembled);
        // Response streams of the @unordered call are shown with the method of their call.
        for (Map<String, List<String>> packet : packets) {
            List<String> role = packet.getOrDefault("quicidl.stream_role", List.of());
            if (!role.isEmpty() && role.get(0).startsWith("@unordered response stream of stream ")) {
                assertEquals(List.of(SHOWCASE + "blocks"), packet.get("quicidl.stream_method"), "method of " + role);
            }
        }
        assertTrue(
                values(packets, "quicidl.stream_role").containsAll(Set.of("control stream", "call stream")),
                "stream roles " + values(packets, "quicidl.stream_role"));
        List<String> problems = new ArrayList<>();
        for (Map<String, List<String>> packet : packets) {
            for (String expert : packet.getOrDefault(Tshark.EXPERT, List.of())) {
                if (expert.contains("quicidl") || expert.startsWith("Not decoded")) {
                    problems.add(expert);
                }
            }
        }
        assertEquals(List.of(), problems, "the dissector's complaints about the capture");
    }

    /** Runs {@link ShowcaseDemo} in a child JVM, the server on {@code port}, TLS secrets to {@code keys}. */
    private void runDemo(int port, Path keys) throws Exception {
        Path output = directory.resolve("demo.out");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        // Without UDP GSO: a capture on lo would see each batch of QUIC packets
                        // as one oversized datagram, which Wireshark cannot split.
                        "-Dquicidl.transport=nio",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ShowcaseDemo.class.getName(),
                        Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put(KeyLogFile.ENVIRONMENT_VARIABLE, keys.toString());
        Process demo = builder.start();
        boolean finished = demo.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            demo.destroyForcibly();
        }
        String printed = Files.readString(output, UTF_8);
        assertTrue(finished && demo.exitValue() == 0, "the showcase demo failed:\n" + printed);
        assertTrue(Files.size(keys) > 0, "the demo wrote no TLS secrets to " + keys + ":\n" + printed);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.exists(path)) {
            try (Stream<Path> paths = Files.walk(path)) {
                for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(each);
                }
            }
        }
    }

    private static Set<String> frameTypesIn(List<Map<String, List<String>>> packets) {
        List<String> names = List.of(
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
        Set<String> types = new TreeSet<>();
        for (String type : values(packets, "quicidl.frame.type")) {
            int value = Integer.decode(type);
            assertTrue(value >= 1 && value <= names.size(), "frame type " + type + " is not in SPEC.md §2");
            types.add(names.get(value - 1));
        }
        return types;
    }

    private static Set<String> values(List<Map<String, List<String>>> packets, String field) {
        return packets.stream()
                .flatMap(packet -> packet.getOrDefault(field, List.of()).stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
