package io.quicidl.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.Descriptor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.quicidl.runtime.ErrorDetail;
import io.quicidl.runtime.Metadata;
import io.quicidl.runtime.Pattern;
import io.quicidl.runtime.StatusCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps SPEC.md §11 and the encoder from drifting apart. Each example frame in SPEC.md is a fenced
 * {@code hex} block right after a marker comment {@code <!-- wire-example: ID -->}; inside the
 * block, everything from {@code #} to the end of a line is a comment and whitespace is ignored.
 * This test encodes every example below with {@link Frames} and the payload records, and asserts
 * that SPEC.md has exactly these ids, the same bytes, and the same annotations
 * ({@link FrameAnnotator}). The SPEC bytes must also decode back to the example's values.
 *
 * <p>Run with {@code -Dspec.update=true} to rewrite the blocks of SPEC.md from the encoder (the
 * markers and the fences stay where they are; add a marker and an empty block for a new example).
 */
class SpecExamplesTest {
    private static final java.util.regex.Pattern BLOCK = java.util.regex.Pattern.compile(
            "<!-- wire-example: ([a-z0-9.-]+) -->\\n```hex\\n(.*?)```", java.util.regex.Pattern.DOTALL);

    private static final Descriptor NOTE;

    static {
        FileDescriptorProto example = FileDescriptorProto.newBuilder()
                .setName("example.proto")
                .setPackage("example")
                .setSyntax("proto3")
                .addMessageType(DescriptorProto.newBuilder()
                        .setName("Note")
                        .addField(FieldDescriptorProto.newBuilder()
                                .setName("text")
                                .setNumber(1)
                                .setType(FieldDescriptorProto.Type.TYPE_STRING)))
                .build();
        try {
            NOTE = Descriptors.FileDescriptor.buildFrom(example, new Descriptors.FileDescriptor[0])
                    .findMessageTypeByName("Note");
        } catch (Descriptors.DescriptorValidationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One example frame: how to encode it, the schema of its payload, and its value. */
    record Example(String id, Supplier<ByteBuf> encoder, Descriptor schema, Object value, boolean datagram) {
        byte[] bytes() {
            ByteBuf buf = encoder.get();
            try {
                return ByteBufUtil.getBytes(buf);
            } finally {
                buf.release();
            }
        }

        @Override
        public String toString() {
            return id;
        }
    }

    private static final Map<String, Example> EXAMPLES = new LinkedHashMap<>();

    private static void frame(String id, FramePayload payload) {
        Descriptor schema = switch (payload.frameType()) {
            case CALL -> ReferenceSchema.CALL;
            case STATUS -> ReferenceSchema.STATUS;
            case RESPONSE_HEADER -> ReferenceSchema.RESPONSE_HEADER;
            case HEADERS -> ReferenceSchema.HEADERS;
            case SETTINGS -> ReferenceSchema.SETTINGS;
            case GOAWAY -> ReferenceSchema.GOAWAY;
            case STREAM_STOPPED -> ReferenceSchema.STREAM_STOPPED;
            case PING, PONG -> ReferenceSchema.PING;
            case MESSAGE, DRAINED -> throw new IllegalArgumentException();
        };
        add(new Example(id, () -> Frames.encode(ByteBufAllocator.DEFAULT, payload), schema, payload, false));
    }

    private static void note(String id, String text) {
        add(new Example(
                id, () -> Frames.message(ByteBufAllocator.DEFAULT, NoteCodec.INSTANCE, text), NOTE, text, false));
    }

    /** A {@code @realtime(delivery = datagram)} QUIC DATAGRAM payload, not a frame (SPEC.md §5.9). */
    record DatagramValue(RealtimeDatagram header, String text) {}

    private static void datagram(String id, RealtimeDatagram header, String text) {
        add(new Example(
                id,
                () -> header.encode(ByteBufAllocator.DEFAULT, NoteCodec.INSTANCE, text),
                NOTE,
                new DatagramValue(header, text),
                true));
    }

    private static void add(Example example) {
        if (EXAMPLES.put(example.id(), example) != null) {
            throw new IllegalStateException("duplicate example id " + example.id());
        }
    }

    private static Metadata metadata(String key, String value) {
        return Metadata.builder().add(key, value).build();
    }

    static {
        Metadata none = Metadata.empty();
        // §11.1 Control streams at connection start.
        frame("control.client.settings", new SettingsFrame(4 << 20, 8 << 10));
        frame("control.server.settings", new SettingsFrame(4 << 20, 8 << 10));
        // §11.2 @unary, stream 0.
        frame("unary.request.call", CallFrame.of("/example.Echo/ping", 1_000_000, metadata("tenant", "blue")));
        note("unary.request.message", "hi");
        note("unary.response.message", "hi");
        // §11.3 @unary with a declared error, stream 4.
        frame("error.request.call", CallFrame.of("/example.Echo/ping", 0, none));
        note("error.request.message", "");
        frame(
                "error.response.status",
                new StatusFrame(
                        StatusCode.FAILED_PRECONDITION,
                        "text is empty",
                        new ErrorDetail("example.Rejected", Hex.bytes("0a 05 65 6d 70 74 79")),
                        none,
                        0));
        // §11.4 @server_streaming, stream 8.
        frame("server-streaming.request.call", CallFrame.of("/example.Echo/watch", 0, none));
        note("server-streaming.request.message", "hi");
        frame("server-streaming.response.headers", new HeadersFrame(metadata("region", "eu")));
        note("server-streaming.response.message-1", "a");
        note("server-streaming.response.message-2", "b");
        frame("server-streaming.response.status", StatusFrame.of(StatusCode.OK, ""));
        frame("server-streaming.cancel.stream-stopped", new StreamStoppedFrame(8, ErrorCode.CANCELLED, null, ""));
        // §11.5 @client_streaming, stream 12.
        frame("client-streaming.request.call", CallFrame.of("/example.Echo/collect", 0, none));
        note("client-streaming.request.message-1", "a");
        note("client-streaming.request.message-2", "b");
        note("client-streaming.response.message", "ab");
        // §11.6 @duplex, stream 16.
        frame("duplex.request.call", CallFrame.of("/example.Echo/chat", 0, none));
        note("duplex.request.message", "hi");
        note("duplex.response.message", "hi");
        frame("duplex.response.status", new StatusFrame(StatusCode.OK, "", null, metadata("count", "1"), 0));
        // §11.7 @notifications, stream 6.
        frame("notifications.call", CallFrame.of("/example.Echo/notify", 0, none));
        note("notifications.message-1", "a");
        note("notifications.message-2", "b");
        frame(
                "notifications.failed.stream-stopped",
                new StreamStoppedFrame(6, ErrorCode.FAILED, StatusCode.INTERNAL, "disk full"));
        // §11.8 @unordered, control stream 20, response streams 7 and 11.
        frame("unordered.request.call", CallFrame.of("/example.Echo/fetch", 0, none));
        note("unordered.request.message", "ab");
        frame("unordered.response-7.header", new ResponseHeaderFrame(20, 1));
        note("unordered.response-7.message", "b");
        frame("unordered.response-11.header", new ResponseHeaderFrame(20, 0));
        note("unordered.response-11.message", "a");
        frame("unordered.response.status", new StatusFrame(StatusCode.OK, "", null, none, 2));
        // §11.9 @realtime, streams 10, 14 and 18.
        frame("realtime.stream-10.call", new CallFrame("/example.Echo/frames", 0, none, 10, 0, false));
        note("realtime.stream-10.message", "f0");
        frame("realtime.stream-14.call", new CallFrame("/example.Echo/frames", 0, none, 10, 1, false));
        note("realtime.stream-14.message", "f1");
        frame("realtime.stream-18.call", new CallFrame("/example.Echo/frames", 0, none, 10, 2, true));
        // §11.10 @realtime(delivery = datagram), stream 22 and two QUIC DATAGRAM frames.
        frame("realtime-datagram.stream-22.call", new CallFrame("/example.Echo/cursor", 0, none, 22, 0, false));
        datagram("realtime-datagram.datagram-0", new RealtimeDatagram(22, 0, 150), "c0");
        datagram("realtime-datagram.datagram-1", new RealtimeDatagram(22, 1, 16_817), "c1");
        // §11.11 Liveness and closing.
        frame("control.client.ping", new PingFrame(false, 42));
        frame("control.server.pong", new PingFrame(true, 42));
        frame("control.client.goaway", new GoAwayFrame(24, 26, ErrorCode.NO_ERROR, ""));
        add(new Example(
                "control.server.drained",
                () -> Frames.empty(ByteBufAllocator.DEFAULT, FrameType.DRAINED),
                null,
                null,
                false));
        frame("control.server.goaway", new GoAwayFrame(24, 26, ErrorCode.NO_ERROR, "shutting down"));
    }

    private static final java.util.regex.Pattern SCHEMA_BLOCK = java.util.regex.Pattern.compile(
            "<!-- wire-schema -->\\n```proto\\n(.*?)```", java.util.regex.Pattern.DOTALL);

    private static Path specPath;
    private static String spec;
    private static Map<String, String> blocks;

    @BeforeAll
    static void readSpec() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("SPEC.md"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "SPEC.md not found above " + Path.of("").toAbsolutePath());
        specPath = dir.resolve("SPEC.md");
        spec = Files.readString(specPath, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("spec.update")) {
            spec = rewrite(spec);
            Files.writeString(specPath, spec, StandardCharsets.UTF_8);
        }
        blocks = new LinkedHashMap<>();
        Matcher matcher = BLOCK.matcher(spec);
        while (matcher.find()) {
            if (blocks.put(matcher.group(1), matcher.group(2)) != null) {
                throw new AssertionError("SPEC.md has example " + matcher.group(1) + " twice");
            }
        }
    }

    private static String rewrite(String text) {
        Matcher matcher = BLOCK.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Example example = EXAMPLES.get(matcher.group(1));
            String body = example == null ? matcher.group(2) : annotated(example) + "\n";
            matcher.appendReplacement(
                    out,
                    Matcher.quoteReplacement(
                            "<!-- wire-example: " + matcher.group(1) + " -->\n```hex\n" + body + "```"));
        }
        matcher.appendTail(out);
        Matcher schema = SCHEMA_BLOCK.matcher(out.toString());
        return schema.replaceFirst(
                Matcher.quoteReplacement("<!-- wire-schema -->\n```proto\n" + ReferenceSchema.protoSource() + "```"));
    }

    @Test
    void specProtoSchemaIsTheOneTheEncoderIsCheckedAgainst() {
        Matcher schema = SCHEMA_BLOCK.matcher(spec);
        assertTrue(schema.find(), "SPEC.md has no <!-- wire-schema --> proto block");
        assertEquals(
                ReferenceSchema.protoSource(),
                schema.group(1),
                "SPEC.md §3's .proto (run the test with -Dspec.update=true to regenerate)");
    }

    static Stream<Example> examples() {
        return EXAMPLES.values().stream();
    }

    @Test
    void specHasExactlyTheExamplesOfThisTestInTheSameOrder() {
        assertEquals(new ArrayList<>(EXAMPLES.keySet()), new ArrayList<>(blocks.keySet()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void specBytesAreWhatTheEncoderWrites(Example example) {
        String block = blocks.get(example.id());
        assertTrue(block != null, "SPEC.md has no block for " + example.id());
        assertEquals(
                Hex.of(example.bytes()),
                Hex.of(Hex.bytes(stripComments(block))),
                "bytes of " + example.id() + " (run the test with -Dspec.update=true to regenerate)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void specAnnotationsAreWhatTheAnnotatorWrites(Example example) {
        String block = blocks.get(example.id());
        assertTrue(block != null, "SPEC.md has no block for " + example.id());
        assertEquals(
                annotated(example),
                block.stripTrailing(),
                "annotation of " + example.id() + " (run the test with -Dspec.update=true to regenerate)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void specBytesDecodeBackToTheExampleValues(Example example) throws IOException {
        String block = blocks.get(example.id());
        assertTrue(block != null, "SPEC.md has no block for " + example.id());
        ByteBuf in = Unpooled.wrappedBuffer(Hex.bytes(stripComments(block)));
        if (example.datagram()) {
            try {
                RealtimeDatagram header = RealtimeDatagram.readHeader(in);
                String text = NoteCodec.INSTANCE.decode(CodedInputStream.newInstance(ByteBufUtil.getBytes(in)));
                assertEquals(example.value(), new DatagramValue(header, text));
            } finally {
                in.release();
            }
            return;
        }
        Frame frame = FrameReader.next(in, 1 << 20, 1 << 20);
        try {
            assertTrue(frame != null, "a whole frame");
            assertEquals(0, in.readableBytes(), "exactly one frame");
            ByteBuf payload = frame.content();
            Object decoded = switch (frame.type()) {
                case MESSAGE -> NoteCodec.INSTANCE.decode(CodedInputStream.newInstance(ByteBufUtil.getBytes(payload)));
                case DRAINED -> payload.isReadable() ? payload : null;
                default -> PayloadRecordsTest.decode(frame.type(), ByteBufUtil.getBytes(payload));
            };
            assertEquals(example.value(), decoded);
        } finally {
            frame.release();
            in.release();
        }
    }

    /** Each half of §11, as the ids of its frames, with the grammar it must satisfy (SPEC.md §5). */
    static Stream<Arguments> halves() {
        return Stream.of(
                Arguments.of(
                        "unary request",
                        HalfGrammar.requestHalf(Pattern.UNARY),
                        List.of("unary.request.call", "unary.request.message")),
                Arguments.of(
                        "unary response", HalfGrammar.responseHalf(Pattern.UNARY), List.of("unary.response.message")),
                Arguments.of(
                        "error request",
                        HalfGrammar.requestHalf(Pattern.UNARY),
                        List.of("error.request.call", "error.request.message")),
                Arguments.of(
                        "error response", HalfGrammar.responseHalf(Pattern.UNARY), List.of("error.response.status")),
                Arguments.of(
                        "server-streaming request",
                        HalfGrammar.requestHalf(Pattern.SERVER_STREAMING),
                        List.of("server-streaming.request.call", "server-streaming.request.message")),
                Arguments.of(
                        "server-streaming response",
                        HalfGrammar.responseHalf(Pattern.SERVER_STREAMING),
                        List.of(
                                "server-streaming.response.headers", "server-streaming.response.message-1",
                                "server-streaming.response.message-2", "server-streaming.response.status")),
                Arguments.of(
                        "client-streaming request",
                        HalfGrammar.requestHalf(Pattern.CLIENT_STREAMING),
                        List.of(
                                "client-streaming.request.call",
                                "client-streaming.request.message-1",
                                "client-streaming.request.message-2")),
                Arguments.of(
                        "client-streaming response",
                        HalfGrammar.responseHalf(Pattern.CLIENT_STREAMING),
                        List.of("client-streaming.response.message")),
                Arguments.of(
                        "duplex request",
                        HalfGrammar.requestHalf(Pattern.DUPLEX),
                        List.of("duplex.request.call", "duplex.request.message")),
                Arguments.of(
                        "duplex response",
                        HalfGrammar.responseHalf(Pattern.DUPLEX),
                        List.of("duplex.response.message", "duplex.response.status")),
                Arguments.of(
                        "notifications",
                        HalfGrammar.requestHalf(Pattern.NOTIFICATIONS),
                        List.of("notifications.call", "notifications.message-1", "notifications.message-2")),
                Arguments.of(
                        "unordered request",
                        HalfGrammar.requestHalf(Pattern.UNORDERED),
                        List.of("unordered.request.call", "unordered.request.message")),
                Arguments.of(
                        "unordered response stream 7",
                        HalfGrammar.unorderedResponseStream(),
                        List.of("unordered.response-7.header", "unordered.response-7.message")),
                Arguments.of(
                        "unordered response stream 11",
                        HalfGrammar.unorderedResponseStream(),
                        List.of("unordered.response-11.header", "unordered.response-11.message")),
                Arguments.of(
                        "unordered response",
                        HalfGrammar.responseHalf(Pattern.UNORDERED),
                        List.of("unordered.response.status")),
                Arguments.of(
                        "realtime stream 10",
                        HalfGrammar.requestHalf(Pattern.REALTIME),
                        List.of("realtime.stream-10.call", "realtime.stream-10.message")),
                Arguments.of(
                        "realtime stream 14",
                        HalfGrammar.requestHalf(Pattern.REALTIME),
                        List.of("realtime.stream-14.call", "realtime.stream-14.message")),
                Arguments.of(
                        "realtime stream 18",
                        HalfGrammar.requestHalf(Pattern.REALTIME),
                        List.of("realtime.stream-18.call")),
                Arguments.of(
                        "realtime datagram stream 22",
                        HalfGrammar.requestHalf(Pattern.REALTIME),
                        List.of("realtime-datagram.stream-22.call")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("halves")
    void eachExampleHalfIsOneStreamOfBytesThatTheDecoderAndGrammarAccept(
            String name, HalfGrammar grammar, List<String> ids) {
        // The half's frames back to back, as one stream's bytes, fed in 3-byte pieces, then FIN.
        StringBuilder hex = new StringBuilder();
        for (String id : ids) {
            hex.append(stripComments(blocks.get(id))).append(' ');
        }
        byte[] bytes = Hex.bytes(hex.toString());
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1 << 20, 1 << 14));
        List<FrameType> types = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += 3) {
            channel.writeInbound(Hex.tracked(bytes, at, Math.min(3, bytes.length - at)));
            Frame frame;
            while ((frame = channel.readInbound()) != null) {
                grammar.accept(frame.type());
                types.add(frame.type());
                frame.release();
            }
        }
        assertFalse(channel.finish(), "no bytes left at FIN");
        grammar.end();
        assertEquals(ids.size(), types.size());
    }

    private static String annotated(Example example) {
        return example.datagram()
                ? FrameAnnotator.annotateDatagram(example.bytes(), example.schema())
                : FrameAnnotator.annotate(example.bytes(), example.schema());
    }

    private static String stripComments(String block) {
        List<String> lines = new ArrayList<>();
        for (String line : block.split("\n")) {
            int hash = line.indexOf('#');
            lines.add(hash < 0 ? line : line.substring(0, hash));
        }
        return String.join(" ", lines);
    }
}
