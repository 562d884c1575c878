package io.quicidl.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.quicidl.runtime.ErrorDetail;
import io.quicidl.runtime.Metadata;
import io.quicidl.runtime.StatusCode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The payload records of SPEC.md §3: round trips with edge values, byte-equality with protobuf's
 * own encoder, unknown fields, and malformed input.
 */
class PayloadRecordsTest {
    private static final long MAX_UINT64 = -1L; // 2^64-1 as an unsigned long
    private static final String UNICODE = "héllo wörld ✓ 𝄞 日本語";

    static Stream<Arguments> samples() {
        Metadata big = bigMetadata();
        Metadata small = Metadata.builder()
                .add("user-agent", "quicidl-test/1")
                .add("trace.id", new byte[] {0, 1, (byte) 0xff})
                .add("empty", "")
                .add("user-agent", "again")
                .build();
        List<Arguments> samples = new ArrayList<>();
        samples.add(sample("CALL all zero", CallFrame.of("", 0, Metadata.empty())));
        samples.add(sample("CALL typical", CallFrame.of("/example.chat.Chat/history", 1_500_000, small)));
        samples.add(sample(
                "CALL unicode method, max uint64 timeout",
                CallFrame.of("/ex.Ü/" + UNICODE, MAX_UINT64, Metadata.empty())));
        samples.add(sample("CALL realtime", new CallFrame("/a.B/frames", 200_000, small, 2, 17, false)));
        samples.add(sample(
                "CALL realtime end, max uint64 ids",
                new CallFrame("/a.B/frames", 0, Metadata.empty(), MAX_UINT64, MAX_UINT64, true)));
        samples.add(sample("CALL big metadata", CallFrame.of("/a.B/c", 1, big)));
        samples.add(sample("STATUS OK empty", StatusFrame.of(StatusCode.OK, "")));
        samples.add(sample("STATUS unicode message", StatusFrame.of(StatusCode.INTERNAL, UNICODE)));
        samples.add(sample(
                "STATUS declared error",
                new StatusFrame(
                        StatusCode.FAILED_PRECONDITION,
                        "room gone",
                        new ErrorDetail("example.chat.RoomNotFound", new byte[] {0x0a, 0x03, 'l', 'o', 'b'}),
                        small,
                        0)));
        samples.add(sample(
                "STATUS empty error detail",
                new StatusFrame(
                        StatusCode.FAILED_PRECONDITION, "", new ErrorDetail("", new byte[0]), Metadata.empty(), 0)));
        samples.add(sample(
                "STATUS unordered count", new StatusFrame(StatusCode.OK, "", null, Metadata.empty(), MAX_UINT64)));
        samples.add(sample("STATUS big trailers", new StatusFrame(StatusCode.OK, "", null, big, 3)));
        for (StatusCode code : StatusCode.values()) {
            samples.add(sample("STATUS " + code, StatusFrame.of(code, code.name())));
            if (code != StatusCode.OK) {
                samples.add(sample(
                        "STREAM_STOPPED status " + code, new StreamStoppedFrame(6, ErrorCode.FAILED, code, UNICODE)));
            }
        }
        for (ErrorCode code : ErrorCode.values()) {
            samples.add(sample("GOAWAY " + code, new GoAwayFrame(8, 14, code, "reason " + code)));
            samples.add(sample("STREAM_STOPPED " + code, new StreamStoppedFrame(2, code, null, "")));
        }
        samples.add(sample("GOAWAY all zero", new GoAwayFrame(0, 0, ErrorCode.NO_ERROR, "")));
        samples.add(sample(
                "GOAWAY max", new GoAwayFrame(QuicVarint.MAX_VALUE, MAX_UINT64, ErrorCode.UNRESPONSIVE, UNICODE)));
        samples.add(sample("RESPONSE_HEADER zero", new ResponseHeaderFrame(0, 0)));
        samples.add(sample("RESPONSE_HEADER typical", new ResponseHeaderFrame(4, 1)));
        samples.add(sample("RESPONSE_HEADER max", new ResponseHeaderFrame(QuicVarint.MAX_VALUE, MAX_UINT64)));
        samples.add(sample("HEADERS empty", new HeadersFrame(Metadata.empty())));
        samples.add(sample("HEADERS small", new HeadersFrame(small)));
        samples.add(sample("HEADERS big", new HeadersFrame(big)));
        samples.add(sample("SETTINGS zero", new SettingsFrame(0, 0)));
        samples.add(sample("SETTINGS defaults", new SettingsFrame(4 << 20, 8 << 10)));
        samples.add(sample("SETTINGS max", new SettingsFrame(MAX_UINT64, Long.MAX_VALUE)));
        samples.add(sample("PING zero", new PingFrame(false, 0)));
        samples.add(sample("PING max", new PingFrame(false, MAX_UINT64)));
        samples.add(sample("PONG", new PingFrame(true, 0x0123_4567_89ab_cdefL)));
        return samples.stream();
    }

    private static Arguments sample(String name, FramePayload payload) {
        return Arguments.of(name, payload);
    }

    private static Metadata bigMetadata() {
        Metadata.Builder builder = Metadata.builder();
        for (int i = 0; i < 300; i++) {
            byte[] value = new byte[i * 7];
            for (int j = 0; j < value.length; j++) {
                value[j] = (byte) (i + j);
            }
            builder.add("k-" + i, value);
        }
        builder.add("x".repeat(128), UNICODE);
        return builder.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void recordRoundTripsThroughAFrame(String name, FramePayload payload) {
        byte[] bytes = payloadOf(payload);
        assertEquals(payload.fieldsSize(), bytes.length, "fieldsSize() is exact");
        assertEquals(payload, decode(payload.frameType(), bytes));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void encodingEqualsProtobufsOwnEncoderForTheSameFields(String name, FramePayload payload) throws Exception {
        DynamicMessage reference = reference(payload);
        byte[] ours = payloadOf(payload);
        assertEquals(Hex.of(reference.toByteArray()), Hex.of(ours));
        // And protobuf parses ours back to the same fields.
        assertEquals(reference, ReferenceSchema.parse(reference.getDescriptorForType(), ours));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void unknownFieldsOfEveryWireTypeAreSkipped(String name, FramePayload payload) {
        String unknown = "78 05" // field 15, varint
                + " 79 01 02 03 04 05 06 07 08" // field 15, I64
                + " 7a 03 aa bb cc" // field 15, LEN
                + " 7d 01 02 03 04" // field 15, I32
                + " 7b 08 01 12 00 7c" // field 15, a group (deprecated but valid wire format)
                + " f8 ff ff ff 0f 01"; // field 2^29-1, varint
        byte[] known = payloadOf(payload);
        String withUnknown = unknown + " " + Hex.of(known) + " " + unknown;
        assertEquals(payload, decode(payload.frameType(), Hex.bytes(withUnknown)));
    }

    @Test
    void unknownFieldsInsideMetadataEntriesAndErrorDetailsAreSkipped() {
        // CALL { metadata { key "a", 15: 5, value "b" } }
        CallFrame call = (CallFrame) decode(FrameType.CALL, Hex.bytes("1a 08 0a 01 61 78 05 12 01 62"));
        assertEquals(Metadata.builder().add("a", "b").build(), call.metadata());
        // STATUS { error { 15: "x", type "T" } }
        StatusFrame status = (StatusFrame) decode(FrameType.STATUS, Hex.bytes("1a 06 7a 01 78 0a 01 54"));
        assertEquals(new ErrorDetail("T", new byte[0]), status.error());
    }

    @Test
    void aRepeatedScalarFieldKeepsTheLastValueAsInProtobuf() {
        CallFrame call = (CallFrame) decode(FrameType.CALL, Hex.bytes("10 01 0a 01 61 10 02 0a 01 62"));
        assertEquals("b", call.method());
        assertEquals(2, call.timeoutMicros());
    }

    @Test
    void emptyPayloadDecodesToZeroValues() {
        assertEquals(CallFrame.of("", 0, Metadata.empty()), decode(FrameType.CALL, new byte[0]));
        assertEquals(StatusFrame.of(StatusCode.OK, ""), decode(FrameType.STATUS, new byte[0]));
        assertEquals(new GoAwayFrame(0, 0, ErrorCode.NO_ERROR, ""), decode(FrameType.GOAWAY, new byte[0]));
        assertEquals(
                new StreamStoppedFrame(0, ErrorCode.NO_ERROR, null, ""), decode(FrameType.STREAM_STOPPED, new byte[0]));
    }

    @Test
    void streamStoppedWithStatusOkReadsAsNoStatus() {
        // OK is the zero value, so it is not written (SPEC.md §3): "no status" and OK are one encoding.
        byte[] bytes = payloadOf(new StreamStoppedFrame(2, ErrorCode.NO_ERROR, StatusCode.OK, ""));
        assertEquals("08 02", Hex.of(bytes));
        assertNull(((StreamStoppedFrame) decode(FrameType.STREAM_STOPPED, bytes)).status());
    }

    @ParameterizedTest(name = "wire value {0}")
    @CsvSource({"17", "255", "4294967295", "1099511627776"})
    void unknownCodesReadAsUnknownAndInternal(long value) {
        ByteBuf buf = Unpooled.buffer();
        byte[] varint = varint(value);
        buf.writeByte(0x08).writeBytes(varint); // STATUS.code
        assertEquals(StatusCode.UNKNOWN, StatusFrame.decode(buf).code());
        buf.release();
        ByteBuf goAway = Unpooled.buffer();
        goAway.writeByte(0x18).writeBytes(varint); // GOAWAY.code
        assertEquals(ErrorCode.INTERNAL, GoAwayFrame.decode(goAway).code());
        goAway.release();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ErrorCode.class)
    void errorCodeWireValuesAreThoseOfTheSpecTable(ErrorCode code) {
        assertEquals(code.ordinal(), code.value(), "SPEC.md §4.1 numbers the codes 0x00 to 0x0a in this order");
        assertEquals(code, ErrorCode.of(code.value()));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(StatusCode.class)
    void statusCodeWireValuesFollowGrpc(StatusCode code) {
        assertEquals(code.ordinal(), code.value());
        assertEquals(code, StatusCode.of(code.value()));
    }

    @ParameterizedTest(name = "{0} [{1}]: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "CALL            | 80                         | truncated tag",
                "CALL            | 10                         | tag without its value",
                "CALL            | 10 80                      | truncated varint",
                "CALL            | 10 ff ff ff ff ff ff ff ff ff ff 01 | varint longer than 10 bytes",
                "CALL            | 00                         | field number 0",
                "CALL            | 0e 00                      | wire type 6",
                "CALL            | 7f                         | wire type 7 on an unknown field",
                "CALL            | 7b 78 01                   | group never closed",
                "CALL            | 7c                         | end-group tag without a group",
                "CALL            | 08 02 68 69                | string field as varint (wrong wire type)",
                "CALL            | 0d 68 69 00 00             | string field as I32 (wrong wire type)",
                "CALL            | 12 00                      | uint64 field as LEN (wrong wire type)",
                "CALL            | 11 00 00 00 00 00 00 00 00 | uint64 field as I64 (wrong wire type)",
                "CALL            | 35 01 00 00 00             | bool field as I32 (wrong wire type)",
                "CALL            | 18 00                      | metadata entry as varint (wrong wire type)",
                "CALL            | 0a 02 c3 28                | invalid UTF-8 in method",
                "CALL            | 0a 03 ed a0 80             | UTF-8 encoded surrogate in method",
                "CALL            | 0a 05 68 69                | string length past the end",
                "CALL            | 1a 05 0a 01 61             | metadata entry length past the end",
                "CALL            | 1a 03 0a 05 61 62 63 64 65 | metadata key longer than its entry",
                "CALL            | 1a ff ff ff ff 0f          | negative length",
                "CALL            | 1a 00                      | metadata entry without a key",
                "CALL            | 1a 05 0a 03 41 42 43       | metadata key with uppercase letters",
                "CALL            | 1a 04 0a 02 c3 28          | metadata key with invalid UTF-8",
                "CALL            | 1a 02 08 01                | metadata key as varint (wrong wire type)",
                "CALL            | 1a 04 0a 01 61 10 01       | metadata value as varint (wrong wire type)",
                "STATUS          | 08                         | truncated code",
                "STATUS          | 0a 01 00                   | code as LEN (wrong wire type)",
                "STATUS          | 12 02 c3 28                | invalid UTF-8 in message",
                "STATUS          | 18 00                      | error detail as varint (wrong wire type)",
                "STATUS          | 1a 04 0a 02 c3 28          | invalid UTF-8 in error type",
                "STATUS          | 1a 03 12 05 00             | error value past its detail",
                "STATUS          | 1a 02 7c 00                | end-group tag inside an error detail",
                "STATUS          | 22 00                      | trailer without a key",
                "STATUS          | 2a 00                      | response count as LEN (wrong wire type)",
                "RESPONSE_HEADER | 08 80 80                   | truncated call stream id",
                "RESPONSE_HEADER | 0a 01 04                   | call stream id as LEN (wrong wire type)",
                "HEADERS         | 0a 07 0a 05 55 70 70 65 72 | metadata key 'Upper'",
                "HEADERS         | 0a                         | metadata entry without a length",
                "SETTINGS        | 0d 00 00 01 00             | max message bytes as I32 (wrong wire type)",
                "SETTINGS        | 10                         | truncated max metadata bytes",
                "GOAWAY          | 22 01 ff                   | invalid UTF-8 in reason",
                "GOAWAY          | 1a 00                      | code as LEN (wrong wire type)",
                "STREAM_STOPPED  | 22 02 c3 28                | invalid UTF-8 in status message",
                "STREAM_STOPPED  | 0a 00                      | stream id as LEN (wrong wire type)",
                "PING            | 09 00 00 00 00 00 00 00 00 | opaque as I64 (wrong wire type)",
                "PONG            | 08 ff                      | truncated opaque",
            })
    void malformedPayloadIsAProtocolErrorNamingTheFrame(FrameType type, String hex, String what) {
        FrameException e = assertThrows(FrameException.class, () -> decode(type, Hex.bytes(hex)), what);
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.code());
        assertTrue(e.getMessage().startsWith("malformed " + type + " payload: "), e.getMessage());
        if (what.contains("wrong wire type")) {
            assertTrue(e.getMessage().contains("has wire type"), e.getMessage());
        }
    }

    @Test
    void deeplyNestedUnknownGroupsAreAProtocolErrorNotAStackOverflow() {
        // 100,000 nested start-group tags of an unknown field: skipping must not recurse without bound.
        byte[] nested = new byte[100_000];
        java.util.Arrays.fill(nested, (byte) 0x7b);
        FrameException e = assertThrows(FrameException.class, () -> decode(FrameType.CALL, nested));
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.code());
    }

    @Test
    void deeplyNestedUnknownGroupsInsideAMetadataEntryAreAProtocolErrorToo() {
        byte[] nested = new byte[60_000];
        java.util.Arrays.fill(nested, (byte) 0x7b);
        ByteBuf payload = Unpooled.buffer();
        payload.writeByte(0x1a).writeBytes(varint(nested.length)).writeBytes(nested);
        byte[] bytes = ByteBufUtil.getBytes(payload);
        payload.release();
        FrameException e = assertThrows(FrameException.class, () -> decode(FrameType.CALL, bytes));
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.code());
    }

    @Test
    void decodingDoesNotMoveOrReleaseThePayloadBuffer() {
        ByteBuf payload = Hex.buf("0a 01 61");
        try {
            CallFrame.decode(payload);
            CallFrame.decode(payload);
            assertEquals(0, payload.readerIndex());
            assertEquals(1, payload.refCnt());
        } finally {
            payload.release();
        }
    }

    @Test
    void payloadInsideALargerBufferIsReadOnlyWithinItsSlice() {
        // A frame payload is a slice of the stream's buffer: bytes after it must not be read.
        ByteBuf stream = Hex.buf("ff 08 05 08 06 ff");
        try {
            assertEquals(5, PingFrame.decode(FrameType.PING, stream.slice(1, 2)).opaque());
        } finally {
            stream.release();
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    /** Encodes {@code payload} as a whole frame and returns its payload bytes, checking the header. */
    static byte[] payloadOf(FramePayload payload) {
        ByteBuf frame = Frames.encode(ByteBufAllocator.DEFAULT, payload);
        try {
            assertTrue(frame.isDirect(), "frames are encoded into direct buffers");
            assertEquals(payload.frameType().value(), QuicVarint.read(frame));
            long length = QuicVarint.read(frame);
            assertEquals(length, frame.readableBytes(), "length field equals the payload size");
            return ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
    }

    static Object decode(FrameType type, byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            return switch (type) {
                case CALL -> CallFrame.decode(buf);
                case STATUS -> StatusFrame.decode(buf);
                case RESPONSE_HEADER -> ResponseHeaderFrame.decode(buf);
                case HEADERS -> HeadersFrame.decode(buf);
                case SETTINGS -> SettingsFrame.decode(buf);
                case GOAWAY -> GoAwayFrame.decode(buf);
                case STREAM_STOPPED -> StreamStoppedFrame.decode(buf);
                case PING, PONG -> PingFrame.decode(type, buf);
                case MESSAGE, DRAINED -> throw new IllegalArgumentException(type + " has no record");
            };
        } finally {
            buf.release();
        }
    }

    /** The same fields as a protobuf {@link DynamicMessage}. */
    static DynamicMessage reference(FramePayload payload) {
        if (payload instanceof CallFrame call) {
            return build(ReferenceSchema.CALL, b -> {
                set(b, "method", call.method());
                set(b, "timeout_micros", call.timeoutMicros());
                entries(b, "metadata", call.metadata());
                set(b, "realtime_call_id", call.realtimeCallId());
                set(b, "realtime_sequence", call.realtimeSequence());
                set(b, "realtime_end", call.realtimeEnd());
            });
        }
        if (payload instanceof StatusFrame status) {
            return build(ReferenceSchema.STATUS, b -> {
                set(b, "code", status.code().value());
                set(b, "message", status.message());
                if (status.error() != null) {
                    b.setField(
                            ReferenceSchema.STATUS.findFieldByName("error"), build(ReferenceSchema.ERROR_DETAIL, e -> {
                                set(e, "type", status.error().type());
                                set(
                                        e,
                                        "value",
                                        ByteString.copyFrom(status.error().value()));
                            }));
                }
                entries(b, "trailers", status.trailers());
                set(b, "response_count", status.responseCount());
            });
        }
        if (payload instanceof ResponseHeaderFrame header) {
            return build(ReferenceSchema.RESPONSE_HEADER, b -> {
                set(b, "call_stream_id", header.callStreamId());
                set(b, "index", header.index());
            });
        }
        if (payload instanceof HeadersFrame headers) {
            return build(ReferenceSchema.HEADERS, b -> entries(b, "metadata", headers.metadata()));
        }
        if (payload instanceof SettingsFrame settings) {
            return build(ReferenceSchema.SETTINGS, b -> {
                set(b, "max_message_bytes", settings.maxMessageBytes());
                set(b, "max_metadata_bytes", settings.maxMetadataBytes());
            });
        }
        if (payload instanceof GoAwayFrame goAway) {
            return build(ReferenceSchema.GOAWAY, b -> {
                set(b, "bidi_limit", goAway.bidiLimit());
                set(b, "uni_limit", goAway.uniLimit());
                set(b, "code", goAway.code().value());
                set(b, "reason", goAway.reason());
            });
        }
        if (payload instanceof StreamStoppedFrame stopped) {
            return build(ReferenceSchema.STREAM_STOPPED, b -> {
                set(b, "stream_id", stopped.streamId());
                set(b, "code", stopped.code().value());
                set(
                        b,
                        "status_code",
                        stopped.status() == null ? 0 : stopped.status().value());
                set(b, "status_message", stopped.statusMessage());
            });
        }
        if (payload instanceof PingFrame ping) {
            return build(ReferenceSchema.PING, b -> set(b, "opaque", ping.opaque()));
        }
        throw new IllegalArgumentException(payload.toString());
    }

    private interface Filler {
        void fill(DynamicMessage.Builder builder);
    }

    private static DynamicMessage build(Descriptor type, Filler filler) {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        filler.fill(builder);
        return builder.build();
    }

    private static void set(DynamicMessage.Builder builder, String field, Object value) {
        builder.setField(builder.getDescriptorForType().findFieldByName(field), value);
    }

    private static void entries(DynamicMessage.Builder builder, String field, Metadata metadata) {
        for (Metadata.Entry entry : metadata.entries()) {
            builder.addRepeatedField(
                    builder.getDescriptorForType().findFieldByName(field), build(ReferenceSchema.METADATA_ENTRY, e -> {
                        set(e, "key", entry.key());
                        set(e, "value", ByteString.copyFrom(entry.value()));
                    }));
        }
    }

    private static byte[] varint(long value) {
        ByteBuf buf = Unpooled.buffer();
        long v = value;
        while ((v & ~0x7FL) != 0) {
            buf.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        buf.writeByte((int) v);
        byte[] bytes = ByteBufUtil.getBytes(buf);
        buf.release();
        return bytes;
    }

    @Test
    void metadataValuesAreBytesNotText() {
        byte[] notUtf8 = {(byte) 0xc3, 0x28, 0};
        HeadersFrame headers =
                new HeadersFrame(Metadata.builder().add("bin", notUtf8).build());
        HeadersFrame back = (HeadersFrame) decode(FrameType.HEADERS, payloadOf(headers));
        assertArrayEquals(notUtf8, back.metadata().getBytes("bin").orElseThrow());
    }
}
