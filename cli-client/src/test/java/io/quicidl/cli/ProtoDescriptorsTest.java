package io.quicidl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import io.quicidl.idl.SchemaLoader;
import io.quicidl.idl.model.Schema;
import io.quicidl.idl.source.SourceProvider;
import java.io.StringReader;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** quicidl types through protobuf descriptors: SPEC.md §8's wire format and protobuf's JSON mapping. */
class ProtoDescriptorsTest {
    private static final String SCHEMA = String.join(
            "\n",
            "package t;",
            "import \"common/ids.quic\";",
            "enum Color { NONE = 0; RED = 1; }",
            "message Inner { sint64 delta = 1; }",
            "message All {",
            "  optional int32 maybe = 1;",
            "  list<int64> numbers = 2;",
            "  map<string, Inner> by_name = 3;",
            "  Color color = 4;",
            "  bytes blob = 5;",
            "  float64 ratio = 6;",
            "  Nested nested = 7;",
            "  common.ids.Id id = 8;",
            "  message Nested { fixed32 f = 1; enum Kind { KIND_UNSPECIFIED = 0; KIND_A = 1; } Kind kind = 2; }",
            "}",
            "error Failed { string why = 1; }",
            "");

    private static final Descriptor ALL = descriptors().message("t.All").orElseThrow();

    private static ProtoDescriptors descriptors() {
        try {
            Schema schema = new SchemaLoader(SourceProvider.inMemory(Map.of(
                            "t.quic",
                            SCHEMA,
                            "common/ids.quic",
                            "package common.ids;\nmessage Id { uint64 value = 1; }\n")))
                    .load(List.of("t.quic"));
            return ProtoDescriptors.of(schema);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static DynamicMessage json(String text) throws CliFailure {
        List<DynamicMessage> messages = JsonMessages.read(new StringReader(text), ALL);
        assertEquals(1, messages.size());
        return messages.get(0);
    }

    private static String hex(DynamicMessage message) {
        return HexFormat.of().formatHex(message.toByteArray());
    }

    @Test
    void eachKindOfFieldEncodesAsSpecSection8Says() throws CliFailure {
        assertEquals("0800", hex(json("{\"maybe\": 0}")), "optional: present when set, even to 0");
        assertEquals("", hex(json("{\"color\": \"NONE\"}")), "a default value is not written");
        assertEquals("120b01feffffffffffffffff01", hex(json("{\"numbers\": [\"1\", \"-2\"]}")), "numbers are packed");
        assertEquals("1a070a016112020805", hex(json("{\"byName\": {\"a\": {\"delta\": \"-3\"}}}")), "a map entry");
        assertEquals("2001", hex(json("{\"color\": \"RED\"}")));
        assertEquals("2a020102", hex(json("{\"blob\": \"AQI=\"}")));
        assertEquals("3a070d0100000010" + "01", hex(json("{\"nested\": {\"f\": 1, \"kind\": \"KIND_A\"}}")));
        assertEquals("42020807", hex(json("{\"id\": {\"value\": \"7\"}}")));
    }

    @Test
    void jsonFollowsProtobufsMapping() throws Exception {
        String canonical = "{\"maybe\":0,\"numbers\":[\"1\",\"-2\"],\"byName\":{\"a\":{\"delta\":\"-3\"}},"
                + "\"color\":\"RED\",\"blob\":\"AQI=\",\"ratio\":0.5}";
        // Schema names are accepted on input too; the output uses lowerCamel names.
        DynamicMessage message = json(canonical.replace("byName", "by_name"));
        assertEquals(canonical, JsonMessages.write(message));
        assertArrayEquals(
                message.toByteArray(),
                DynamicMessage.parseFrom(ALL, message.toByteArray()).toByteArray());
    }

    @Test
    void declaredErrorsAreMessagesOfTheirFields() {
        assertEquals(
                "why",
                descriptors()
                        .message("t.Failed")
                        .orElseThrow()
                        .getFields()
                        .get(0)
                        .getName());
    }

    @Test
    void aFieldTheMessageLacksIsBadInput() {
        CliFailure failure = assertThrows(CliFailure.class, () -> json("{\"colour\": \"RED\"}"));
        assertEquals(ExitCode.BAD_INPUT.code(), failure.exitCode());
        assertTrue(failure.getMessage().startsWith("request 1 does not fit t.All: "), failure.getMessage());

        CliFailure notAnObject = assertThrows(CliFailure.class, () -> JsonMessages.read(new StringReader("[1]"), ALL));
        assertEquals("request 1 is not a JSON object for t.All: [1]", notAnObject.getMessage());
    }
}
