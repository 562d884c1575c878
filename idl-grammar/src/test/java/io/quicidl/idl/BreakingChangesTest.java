package io.quicidl.idl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quicidl.idl.compat.BreakingChanges;
import io.quicidl.idl.diagnostic.Diagnostic;
import io.quicidl.idl.diagnostic.SchemaException;
import io.quicidl.idl.model.Schema;
import io.quicidl.idl.source.SourceProvider;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code quicidl breaking}: each row changes {@link #BASE} by one text replacement and
 * states every diagnostic the change must give, or none for a compatible change.
 */
class BreakingChangesTest {

    static final String BASE = """
            package t;
            message A {
              int64 x = 1;
              string y = 2;
            }
            message B { int32 z = 1; }
            enum E {
              E_UNKNOWN = 0;
              ONE = 1;
            }
            error Oops { string why = 1; }
            service S {
              @unary rpc get(A) returns (B) throws Oops;
              @unordered rpc blocks(A) returns (stream B);
              @notifications rpc log(stream A);
            }
            """;

    /** One row: the text replaced in {@link #BASE}, its replacement, and the expected output. */
    record Change(String behaviour, String from, String to, String expected) {
        @Override
        public String toString() {
            return behaviour;
        }
    }

    static List<Change> cases() {
        return List.of(
                // Breaking.
                new Change(
                        "removedServiceIsReportedAtTheTopOfItsFile",
                        "service S {",
                        "service T {",
                        "a.quic:1:1: error[QIDL401]: service t.S was removed or renamed; calls to its 3 method(s)"
                                + " now fail as unknown methods"),
                new Change(
                        "renamedRpcIsReportedAtItsService",
                        "rpc get(",
                        "rpc fetch(",
                        "a.quic:12:1: error[QIDL402]: rpc /t.S/get was removed or renamed; calls to it now fail as"
                                + " unknown methods"),
                new Change(
                        "patternChangeWithTheSameSignature",
                        "@unordered",
                        "@server_streaming",
                        "a.quic:14:21: error[QIDL403]: rpc /t.S/blocks changed its pattern from @unordered to"
                                + " @server_streaming, which uses QUIC streams differently"),
                new Change(
                        "streamAddedToTheResponse",
                        "@unary rpc get(A) returns (B)",
                        "@server_streaming rpc get(A) returns (stream B)",
                        "a.quic:13:21: error[QIDL404]: rpc /t.S/get changed its signature from '(t.A) returns"
                                + " (t.B)' to '(t.A) returns (stream t.B)' (@unary to @server_streaming)"),
                new Change(
                        "streamRemovedFromTheResponse",
                        "@unordered rpc blocks(A) returns (stream B)",
                        "@unary rpc blocks(A) returns (B)",
                        "a.quic:14:10: error[QIDL404]: rpc /t.S/blocks changed its signature from '(t.A) returns"
                                + " (stream t.B)' to '(t.A) returns (t.B)' (@unordered to @unary)"),
                new Change(
                        "requestTypeChanged",
                        "rpc get(A)",
                        "rpc get(B)",
                        "a.quic:13:10: error[QIDL405]: rpc /t.S/get changed its request type from t.A to t.B"),
                new Change(
                        "responseTypeChanged",
                        "returns (B) throws",
                        "returns (A) throws",
                        "a.quic:13:10: error[QIDL406]: rpc /t.S/get changed its response type from t.B to t.A"),
                new Change(
                        "declaredErrorRemovedFromThrows",
                        " throws Oops",
                        "",
                        "a.quic:13:10: error[QIDL407]: rpc /t.S/get no longer declares error t.Oops; old clients"
                                + " expect it typed, and new servers cannot throw it"),
                new Change(
                        "fieldRemovedWithoutReservingItsNumber",
                        "  string y = 2;\n",
                        "",
                        "a.quic:2:1: error[QIDL410]: field 'y' of message t.A (number 2) was removed without"
                                + " reserving its number\n  hint: add 'reserved 2;' so that no new field reuses it"),
                new Change(
                        "errorFieldRemovedWithoutReservingItsNumber",
                        "error Oops { string why = 1; }",
                        "error Oops {}",
                        "a.quic:11:1: error[QIDL410]: field 'why' of error t.Oops (number 1) was removed without"
                                + " reserving its number\n  hint: add 'reserved 1;' so that no new field reuses it"),
                new Change(
                        "fieldNumberChanged",
                        "int64 x = 1;",
                        "int64 x = 3;",
                        "a.quic:3:3: error[QIDL411]: field 'x' of message t.A changed its number from 1 to 3"),
                new Change(
                        "int64ToSint64ChangesTheEncoding",
                        "int64 x = 1;",
                        "sint64 x = 1;",
                        "a.quic:3:3: error[QIDL412]: field number 1 of message t.A changed its type from 'int64'"
                                + " to 'sint64', which is encoded differently"),
                new Change(
                        "scalarToListChangesTheEncoding",
                        "string y = 2;",
                        "list<string> y = 2;",
                        "a.quic:4:3: error[QIDL412]: field number 2 of message t.A changed its type from 'string'"
                                + " to 'list<string>', which is encoded differently"),
                new Change(
                        "enumValueRemoved",
                        "  ONE = 1;\n",
                        "",
                        "a.quic:7:1: error[QIDL413]: value ONE = 1 was removed from enum t.E; peers that still"
                                + " send it are not understood"),
                new Change(
                        "enumValueRemovedEvenIfReserved",
                        "  ONE = 1;\n",
                        "  reserved 1;\n",
                        "a.quic:7:1: error[QIDL413]: value ONE = 1 was removed from enum t.E; peers that still"
                                + " send it are not understood"),
                new Change(
                        "enumValueNumberChanged",
                        "ONE = 1;",
                        "ONE = 2;",
                        "a.quic:9:3: error[QIDL414]: value ONE of enum t.E changed its number from 1 to 2"),
                new Change(
                        "everyBreakIsReportedOnce",
                        "  int64 x = 1;\n  string y = 2;\n",
                        "  sint64 x = 1;\n",
                        "a.quic:3:3: error[QIDL412]: field number 1 of message t.A changed its type from 'int64'"
                                + " to 'sint64', which is encoded differently\n"
                                + "a.quic:2:1: error[QIDL410]: field 'y' of message t.A (number 2) was removed without"
                                + " reserving its number\n  hint: add 'reserved 2;' so that no new field reuses it"),
                // Compatible.
                new Change("newFieldIsCompatible", "string y = 2;", "string y = 2; bool w = 3;", ""),
                new Change(
                        "newRpcIsCompatible",
                        "@notifications rpc log(stream A);",
                        "@notifications rpc log(stream A); @duplex rpc chat(stream A) returns (stream B);",
                        ""),
                new Change("newServiceIsCompatible", "package t;", "package t; service New {}", ""),
                new Change("newEnumValueIsCompatible", "ONE = 1;", "ONE = 1; TWO = 2;", ""),
                new Change(
                        "docCommentsAreCompatible",
                        "service S {\n  @unary",
                        "/// The service.\nservice S {\n  /// Gets.\n  @unary",
                        ""),
                new Change("reservingARemovedFieldIsCompatible", "  string y = 2;\n", "  reserved 2;\n", ""),
                new Change("renamingAFieldIsCompatible", "string y = 2;", "string why = 2;", ""),
                new Change("optionalIsCompatible", "string y = 2;", "optional string y = 2;", ""),
                new Change("idempotentIsCompatible", "@unary rpc get", "@unary @idempotent rpc get", ""),
                new Change(
                        "addedDeclaredErrorIsCompatible",
                        "returns (stream B);",
                        "returns (stream B) throws Oops;",
                        ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsEveryBreakingChangeAndNothingElse(Change change) throws SchemaException {
        if (!BASE.contains(change.from())) {
            throw new IllegalArgumentException("BASE does not contain '" + change.from() + "'");
        }
        Schema previous = load(BASE);
        Schema current = load(BASE.replace(change.from(), change.to()));
        String actual = BreakingChanges.between(previous, current).stream()
                .map(Diagnostic::format)
                .collect(Collectors.joining("\n"));
        assertEquals(change.expected(), actual);
    }

    private static Schema load(String text) throws SchemaException {
        return new SchemaLoader(SourceProvider.inMemory(Map.of("a.quic", text))).load(List.of("a.quic"));
    }
}
