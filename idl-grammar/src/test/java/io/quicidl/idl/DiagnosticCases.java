package io.quicidl.idl;

import static io.quicidl.idl.DiagnosticCase.files;
import static io.quicidl.idl.DiagnosticCase.of;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Every diagnostic the front end reports, each with the schema that provokes it and its
 * exact printed text. {@link DiagnosticsTest} runs them; {@link DiagnosticCatalogTest}
 * checks that every code has a row here and in docs/LANGUAGE.md.
 */
final class DiagnosticCases {

    private static final String TIME = """
            package common.time;
            message Instant { int64 seconds = 1; }
            """;

    private DiagnosticCases() {}

    static List<DiagnosticCase> all() {
        return List.of(
                // 0xx: loading and syntax
                of("syntaxErrorNamesTheMissingSemicolon", """
                        package t;
                        message A {
                          int32 x = 1
                        }
                        """, "a.quic:4:1: error[QIDL001]: expected ';', found '}'"),
                of(
                        "syntaxErrorListsTopLevelDeclarations",
                        """
                        package t;
                        mesage A {}
                        """,
                        "a.quic:2:1: error[QIDL001]: expected 'package', 'option', 'import', 'message', 'enum',"
                                + " 'error', 'service' or end of file, found 'mesage'"),
                of(
                        "syntaxErrorAsksForAFieldName",
                        """
                        package t;
                        message A { int32 = 1; }
                        """,
                        "a.quic:2:19: error[QIDL001]: expected a field name, found '='"),
                of("syntaxErrorAsksForATypeInsideList", """
                        package t;
                        message A { list<> x = 1; }
                        """, "a.quic:2:18: error[QIDL001]: expected a type, found '>'"),
                of(
                        "syntaxErrorAsksForAnRpcRequestType",
                        """
                        package t;
                        message A {}
                        service S { @unary rpc m() returns (A); }
                        """,
                        "a.quic:3:26: error[QIDL001]: expected a message type name, found ')'"),
                of(
                        "syntaxErrorAtEndOfFileNamesWhatIsMissing",
                        """
                        package t;
                        message A { int32 x = 1;
                        """,
                        "a.quic:3:1: error[QIDL001]: expected a field or '}', found end of file"),
                of(
                        "syntaxErrorStopsAtTheFirstErrorOfTheFile",
                        """
                        package t;
                        message A { int32 x = ; }
                        message B { int32 = 1; }
                        """,
                        "a.quic:2:23: error[QIDL001]: expected a number, found ';'"),
                of(
                        "syntaxErrorAsksForAQuotedImportPath",
                        """
                        package t;
                        import common.quic;
                        """,
                        "a.quic:2:8: error[QIDL001]: expected a file path in quotes, found 'common'"),
                of("unexpectedCharacterIsReported", """
                        package t;
                        message A { int32 x = 1; # }
                        """, "a.quic:2:26: error[QIDL002]: unexpected character '#'"),
                of(
                        "unterminatedStringIsReported",
                        """
                        package t;
                        import "common/time.quic;
                        """,
                        "a.quic:2:8: error[QIDL002]: unterminated string\n"
                                + "  hint: strings end with \" on the same line and cannot contain \\"),
                of(
                        "unterminatedCommentIsReported",
                        """
                        package t;
                        /* never closed
                        message A {}
                        """,
                        "a.quic:2:1: error[QIDL002]: unterminated comment\n  hint: close it with */"),
                of(
                        "numberLargerThan64BitsIsReported",
                        """
                        package t;
                        message A { int32 x = 99999999999999999999; }
                        """,
                        "a.quic:2:23: error[QIDL003]: number 99999999999999999999 does not fit in 64 bits"),
                files(
                        "requestedFileThatDoesNotExistIsReported",
                        List.of("missing.quic"),
                        "missing.quic: error[QIDL004]: file 'missing.quic' is not in any import root\n"
                                + "  hint: a schema is named by its path below an import root: add the directory"
                                + " that holds it as an import root (-I for the quicidl command, importRoots in"
                                + " Maven)"),
                of(
                        "missingImportIsReportedAtTheImport",
                        """
                        package t;
                        import "common/tim.quic";
                        """,
                        "a.quic:2:1: error[QIDL005]: imported file 'common/tim.quic' is not in any import root\n"
                                + "  hint: import paths are relative to an import root, like protoc's -I"),
                files(
                        "importCycleShowsTheWholeCycle",
                        List.of("a.quic"),
                        "c.quic:2:1: error[QIDL006]: import cycle: a.quic -> b.quic -> c.quic -> a.quic\n"
                                + "  hint: move the types both files need into a third file that both import",
                        "a.quic",
                        "package t;\nimport \"b.quic\";\n",
                        "b.quic",
                        "package t;\nimport \"c.quic\";\n",
                        "c.quic",
                        "package t;\nimport \"a.quic\";\n"),
                of(
                        "fileImportingItselfIsACycle",
                        """
                        package t;
                        import "a.quic";
                        """,
                        "a.quic:2:1: error[QIDL006]: import cycle: a.quic -> a.quic\n"
                                + "  hint: move the types both files need into a third file that both import"),
                new DiagnosticCase(
                        "unreadableFileIsReported",
                        Map.of(),
                        path -> {
                            throw new IOException("permission denied");
                        },
                        List.of("a.quic"),
                        "a.quic: error[QIDL007]: cannot read 'a.quic': permission denied"),

                // 10x: file header
                of(
                        "missingPackageIsReportedAtTheStartOfTheFile",
                        """
                        message A {}
                        """,
                        "a.quic:1:1: error[QIDL101]: missing package declaration\n"
                                + "  hint: start the file with a package, e.g. 'package example.chat;'"),
                of(
                        "packageWithUppercaseSegmentIsInvalid",
                        """
                        package example.Chat;
                        """,
                        "a.quic:1:1: error[QIDL102]: invalid package name 'example.Chat': segment 'Chat' is not"
                                + " lowercase\n"
                                + "  hint: package segments are lowercase letters, digits and '_', and not Java keywords"),
                of(
                        "packageWithJavaKeywordSegmentIsInvalid",
                        """
                        package example.class;
                        """,
                        "a.quic:1:1: error[QIDL102]: invalid package name 'example.class': segment 'class' is a"
                                + " Java keyword\n"
                                + "  hint: package segments are lowercase letters, digits and '_', and not Java keywords"),
                of(
                        "secondPackageDeclarationIsReported",
                        """
                        package t;
                        package u;
                        """,
                        "a.quic:2:1: error[QIDL103]: duplicate package declaration: the package is already 't'"
                                + " at a.quic:1:1"),
                of(
                        "unknownOptionSuggestsTheKnownOne",
                        """
                        package t;
                        option java_pakage = "com.acme";
                        """,
                        "a.quic:2:1: error[QIDL104]: unknown option 'java_pakage'\n"
                                + "  hint: did you mean 'java_package'?"),
                of(
                        "optionSetTwiceIsReported",
                        """
                        package t;
                        option java_package = "com.acme";
                        option java_package = "com.other";
                        """,
                        "a.quic:3:1: error[QIDL105]: option 'java_package' is already set at a.quic:2:1"),
                of(
                        "javaPackageWithKeywordIsInvalid",
                        """
                        package t;
                        option java_package = "com.acme.new";
                        """,
                        "a.quic:2:1: error[QIDL106]: java_package 'com.acme.new' is not a valid Java package"
                                + " name\n  hint: segments are Java identifiers that are not keywords, e.g. \"com.acme.chat\""),
                of(
                        "javaPackageMustBeAString",
                        """
                        package t;
                        option java_package = 42;
                        """,
                        "a.quic:2:1: error[QIDL106]: option java_package takes a string\n"
                                + "  hint: e.g. option java_package = \"com.acme.chat\";"),

                // 11x: names and references
                of(
                        "typeDeclaredTwiceIsReportedWithTheFirstLocation",
                        """
                        package t;
                        message A {}
                        enum A { Z = 0; }
                        """,
                        "a.quic:3:1: error[QIDL110]: 't.A' is already declared as a message at a.quic:2:1"),
                files(
                        "typeDeclaredInTwoFilesOfOnePackageIsReported",
                        List.of("a.quic", "b.quic"),
                        "b.quic:2:1: error[QIDL110]: 't.A' is already declared as a message at a.quic:2:1",
                        "a.quic",
                        "package t;\nmessage A {}\n",
                        "b.quic",
                        "package t;\nmessage A {}\n"),
                of(
                        "unknownTypeSuggestsTheClosestName",
                        """
                        package t;
                        message ChatMessage {}
                        message B { ChatMesage m = 1; }
                        """,
                        "a.quic:3:13: error[QIDL111]: unknown type 'ChatMesage'\n"
                                + "  hint: did you mean 'ChatMessage'?"),
                of(
                        "unknownTypeSuggestsAScalar",
                        """
                        package t;
                        message B { strng m = 1; }
                        """,
                        "a.quic:2:13: error[QIDL111]: unknown type 'strng'\n  hint: did you mean 'string'?"),
                files(
                        "unknownTypeSuggestsAQualifiedNameFromAnotherPackage",
                        List.of("a.quic"),
                        "a.quic:3:13: error[QIDL111]: unknown type 'Instnt'\n"
                                + "  hint: did you mean 'common.time.Instant'?",
                        "a.quic",
                        "package t;\nimport \"common/time.quic\";\nmessage B { Instnt at = 1; }\n",
                        "common/time.quic",
                        TIME),
                of("unknownTypeWithNothingCloseHasNoHint", """
                        package t;
                        message B { Zebra z = 1; }
                        """, "a.quic:2:13: error[QIDL111]: unknown type 'Zebra'"),
                files(
                        "typeFromAFileThatIsNotImportedIsReported",
                        List.of("a.quic", "common/time.quic"),
                        "a.quic:2:13: error[QIDL112]: type 'common.time.Instant' is declared in 'common/time.quic',"
                                + " which 'a.quic' does not import\n  hint: add import \"common/time.quic\";",
                        "a.quic",
                        "package t;\nmessage B { common.time.Instant at = 1; }\n",
                        "common/time.quic",
                        TIME),
                files(
                        "typeImportedOnlyIndirectlyIsReported",
                        List.of("a.quic"),
                        "a.quic:3:13: error[QIDL112]: type 'common.time.Instant' is declared in 'common/time.quic',"
                                + " which 'a.quic' does not import\n  hint: add import \"common/time.quic\";",
                        "a.quic",
                        "package t;\nimport \"b.quic\";\nmessage B { common.time.Instant at = 1; u.C c = 2; }\n",
                        "b.quic",
                        "package u;\nimport \"common/time.quic\";\nmessage C { common.time.Instant at = 1; }\n",
                        "common/time.quic",
                        TIME),
                of(
                        "scalarRpcRequestIsReportedWithAHint",
                        """
                        package t;
                        message A {}
                        service S { @unary rpc m(string) returns (A); }
                        """,
                        "a.quic:3:26: error[QIDL113]: the request of rpc 'm' is the scalar 'string'; rpc requests"
                                + " and responses are messages\n  hint: wrap it in a message, e.g. message Value { string value"
                                + " = 1; }"),
                of(
                        "enumRpcResponseIsReported",
                        """
                        package t;
                        message A {}
                        enum E { Z = 0; }
                        service S { @unary rpc m(A) returns (E); }
                        """,
                        "a.quic:4:38: error[QIDL113]: the response of rpc 'm' is the enum 'E'; rpc requests and"
                                + " responses are messages\n  hint: wrap it in a message"),
                of(
                        "throwingAMessageIsReported",
                        """
                        package t;
                        message A {}
                        service S { @unary rpc m(A) returns (A) throws A; }
                        """,
                        "a.quic:3:48: error[QIDL114]: 'A' in throws is a message, not an error type\n"
                                + "  hint: declare it with 'error A { ... }'"),
                of(
                        "errorTypeAsFieldIsReported",
                        """
                        package t;
                        error E {}
                        message A { E e = 1; }
                        """,
                        "a.quic:3:13: error[QIDL115]: 'E' is an error type; errors can only be named in throws\n"
                                + "  hint: declare it as a message to use it in fields"),
                of(
                        "fieldNumberZeroIsOutOfRange",
                        """
                        package t;
                        message A { int32 x = 0; }
                        """,
                        "a.quic:2:13: error[QIDL116]: field 'x' has number 0, outside 1..536870911"),
                of(
                        "fieldNumberAbove2To29IsOutOfRange",
                        """
                        package t;
                        message A { int32 x = 536870912; }
                        """,
                        "a.quic:2:13: error[QIDL116]: field 'x' has number 536870912, outside 1..536870911"),
                of(
                        "fieldNumberInProtobufRangeIsReported",
                        """
                        package t;
                        message A { int32 x = 19500; }
                        """,
                        "a.quic:2:13: error[QIDL117]: field 'x' has number 19500, in 19000..19999 which protobuf"
                                + " reserves\n  hint: pick a number outside 19000..19999"),
                of(
                        "enumNumberBeyondInt32IsReported",
                        """
                        package t;
                        enum E { Z = 0; BIG = 2147483648; }
                        """,
                        "a.quic:2:17: error[QIDL118]: enum value 'BIG' has number 2147483648, outside the int32"
                                + " range"),
                of(
                        "emptyReservedRangeIsReported",
                        """
                        package t;
                        message A { reserved 10 to 5; }
                        """,
                        "a.quic:2:13: error[QIDL119]: reserved '10 to 5' is not a range within 1..536870911"),

                // 12x: annotations
                of(
                        "unknownAnnotationSuggestsTheClosestOne",
                        """
                        package t;
                        message A {}
                        service S { @unnary rpc m(A) returns (A); }
                        """,
                        "a.quic:3:13: error[QIDL120]: unknown annotation '@unnary' on rpc 'm'\n"
                                + "  hint: did you mean '@unary'?"),
                of(
                        "rpcWithoutPatternSuggestsTheFittingOne",
                        """
                        package t;
                        message A {}
                        service S { rpc m(A) returns (stream A); }
                        """,
                        "a.quic:3:13: error[QIDL121]: rpc 'm' has no pattern annotation\n"
                                + "  hint: its signature fits @server_streaming or @unordered"),
                of(
                        "rpcWithTwoPatternsIsReported",
                        """
                        package t;
                        message A {}
                        service S { @unary @duplex rpc m(A) returns (A); }
                        """,
                        "a.quic:3:20: error[QIDL122]: rpc 'm' has more than one pattern annotation: @unary,"
                                + " @duplex\n  hint: keep exactly one"),
                of(
                        "repeatedModifierIsReported",
                        """
                        package t;
                        message A {}
                        service S { @unary @idempotent @idempotent rpc m(A) returns (A); }
                        """,
                        "a.quic:3:32: error[QIDL123]: duplicate annotation '@idempotent' on rpc 'm'"),
                of(
                        "realtimeWithoutMaxAgeIsReported",
                        """
                        package t;
                        message A {}
                        service S { @realtime rpc m(stream A); }
                        """,
                        "a.quic:3:13: error[QIDL124]: @realtime takes one argument, max_age_ms\n"
                                + "  hint: write @realtime(max_age_ms = 200) or @realtime(max_age_ms = 50, delivery = datagram)"),
                of(
                        "realtimeWithUnknownDeliveryIsReported",
                        """
                        package t;
                        message A {}
                        service S { @realtime(max_age_ms = 50, delivery = datagrm) rpc m(stream A); }
                        """,
                        "a.quic:3:40: error[QIDL124]: unknown delivery 'datagrm' in @realtime; the deliveries are"
                                + " stream, datagram\n"
                                + "  hint: did you mean 'datagram'?"),
                of(
                        "negativeDeadlineIsReported",
                        """
                        package t;
                        message A {}
                        service S { @unary @deadline(ms = -5) rpc m(A) returns (A); }
                        """,
                        "a.quic:3:30: error[QIDL124]: @deadline needs a positive number, found -5\n"
                                + "  hint: write @deadline(ms = 5000)"),
                of(
                        "realtimeWithZeroMaxAgeIsReported",
                        """
                        package t;
                        message A {}
                        service S { @realtime(max_age_ms = 0) rpc m(stream A); }
                        """,
                        "a.quic:3:23: error[QIDL124]: @realtime needs a positive number, found 0\n"
                                + "  hint: write @realtime(max_age_ms = 200) or @realtime(max_age_ms = 50, delivery = datagram)"),
                of(
                        "deadlineWithoutMsIsReported",
                        """
                        package t;
                        message A {}
                        service S { @unary @deadline rpc m(A) returns (A); }
                        """,
                        "a.quic:3:20: error[QIDL124]: @deadline takes one argument, ms\n"
                                + "  hint: write @deadline(ms = 5000)"),
                of(
                        "maxMessageBytesTakesAPositionalNumber",
                        """
                        package t;
                        message A {}
                        service S { @unary @max_message_bytes(bytes = 10) rpc m(A) returns (A); }
                        """,
                        "a.quic:3:20: error[QIDL124]: @max_message_bytes takes one number\n"
                                + "  hint: write @max_message_bytes(1048576)"),
                of(
                        "patternAnnotationWithArgumentsIsReported",
                        """
                        package t;
                        message A {}
                        service S { @unary(1) rpc m(A) returns (A); }
                        """,
                        "a.quic:3:13: error[QIDL124]: @unary takes no arguments\n  hint: write @unary"),

                // 2xx: validation
                of(
                        "duplicateFieldNameIsReported",
                        """
                        package t;
                        message A {
                          int32 x = 1;
                          string x = 2;
                        }
                        """,
                        "a.quic:4:3: error[QIDL201]: field 'x' is already declared in message 'A' at a.quic:3:3"),
                of(
                        "duplicateFieldNumberSuggestsTheNextFreeOne",
                        """
                        package t;
                        message A {
                          int32 x = 1;
                          int32 y = 1;
                          reserved 2;
                        }
                        """,
                        "a.quic:4:3: error[QIDL202]: field 'y' has number 1, already used by field 'x'\n"
                                + "  hint: the next free number is 3"),
                of(
                        "reservedNumberUsedIsReported",
                        """
                        package t;
                        message A {
                          int32 x = 8;
                          reserved 7 to 9;
                        }
                        """,
                        "a.quic:3:3: error[QIDL203]: field 'x' uses reserved number 8\n"
                                + "  hint: reserved numbers belonged to removed fields; pick another number"),
                of(
                        "reservedEnumNumberUsedIsReported",
                        """
                        package t;
                        enum E {
                          Z = 0;
                          OLD = 3;
                          reserved 3;
                        }
                        """,
                        "a.quic:4:3: error[QIDL203]: enum value 'OLD' uses reserved number 3\n"
                                + "  hint: reserved numbers belonged to removed enum values; pick another number"),
                of(
                        "reservedNameUsedIsReported",
                        """
                        package t;
                        message A {
                          int32 legacy = 1;
                          reserved "legacy";
                        }
                        """,
                        "a.quic:3:3: error[QIDL204]: field name 'legacy' is reserved\n  hint: pick another name"),
                of(
                        "duplicateEnumValueNameIsReported",
                        """
                        package t;
                        enum E { Z = 0; A = 1; A = 2; }
                        """,
                        "a.quic:2:24: error[QIDL205]: enum value 'A' is already declared in enum 'E' at"
                                + " a.quic:2:17"),
                of(
                        "duplicateEnumValueNumberIsReported",
                        """
                        package t;
                        enum E { Z = 0; A = 1; B = 1; }
                        """,
                        "a.quic:2:24: error[QIDL206]: enum value 'B' has number 1, already used by 'A'"),
                of(
                        "enumWithoutZeroSuggestsAnUnspecifiedValue",
                        """
                        package t;
                        enum RoomState { OPEN = 1; CLOSED = 2; }
                        """,
                        "a.quic:2:1: error[QIDL207]: enum 'RoomState' has no value numbered 0\n"
                                + "  hint: add a first value such as 'ROOM_STATE_UNSPECIFIED = 0;' (0 is the value of an unset"
                                + " field)"),
                of(
                        "floatMapKeyIsReported",
                        """
                        package t;
                        message A { map<float64, string> m = 1; }
                        """,
                        "a.quic:2:13: error[QIDL208]: field 'm': map key type 'float64' is not allowed\n"
                                + "  hint: map keys are integral types, string or bool"),
                of(
                        "messageMapKeyIsReported",
                        """
                        package t;
                        message A { map<A, string> m = 1; }
                        """,
                        "a.quic:2:13: error[QIDL208]: field 'm': map key type 't.A' is not allowed\n"
                                + "  hint: map keys are integral types, string or bool"),
                of(
                        "optionalListIsReported",
                        """
                        package t;
                        message A { optional list<string> tags = 1; }
                        """,
                        "a.quic:2:13: error[QIDL209]: field 'tags': 'optional list<string>' is not supported;"
                                + " optional takes a scalar, message or enum\n"
                                + "  hint: an empty list or map already means absent; drop 'optional'"),
                of(
                        "listOfListsIsReported",
                        """
                        package t;
                        message A { list<list<int32>> grid = 1; }
                        """,
                        "a.quic:2:13: error[QIDL209]: field 'grid': 'list<list<int32>>' is not supported; list"
                                + " elements are scalars, messages or enums\n  hint: wrap the inner type in a message"),
                of(
                        "mapWithListValuesIsReported",
                        """
                        package t;
                        message A { map<string, list<string>> index = 1; }
                        """,
                        "a.quic:2:13: error[QIDL209]: field 'index': 'map<string, list<string>>' is not supported;"
                                + " map values are scalars, messages or enums\n  hint: wrap the value type in a message"),
                of(
                        "duplicateRpcNameIsReported",
                        """
                        package t;
                        message A {}
                        service S {
                          @unary rpc m(A) returns (A);
                          @unary rpc m(A) returns (A);
                        }
                        """,
                        "a.quic:5:10: error[QIDL210]: rpc 'm' is already declared in service 'S' at a.quic:4:10"),
                of(
                        "unaryWithStreamingRequestIsReportedWithAFix",
                        """
                        package t;
                        message A {}
                        service S { @unary rpc m(stream A) returns (A); }
                        """,
                        "a.quic:3:20: error[QIDL211]: @unary rpc 'm' must have the signature 'rpc m(A) returns"
                                + " (B)'\n  hint: remove 'stream' from the request, or use @client_streaming"),
                of(
                        "notificationsWithResponseIsReported",
                        """
                        package t;
                        message A {}
                        service S { @notifications rpc m(stream A) returns (A); }
                        """,
                        "a.quic:3:28: error[QIDL211]: @notifications rpc 'm' must have the signature 'rpc"
                                + " m(stream A)'\n  hint: remove the 'returns' clause, or use @client_streaming"),
                of(
                        "realtimeWithPlainRequestIsReported",
                        """
                        package t;
                        message A {}
                        service S { @realtime(max_age_ms = 100) rpc m(A); }
                        """,
                        "a.quic:3:41: error[QIDL211]: @realtime rpc 'm' must have the signature 'rpc m(stream"
                                + " A)'\n  hint: add 'stream' to the request"),
                of(
                        "unorderedWithPlainResponseIsReported",
                        """
                        package t;
                        message A {}
                        service S { @unordered rpc m(A) returns (A); }
                        """,
                        "a.quic:3:24: error[QIDL211]: @unordered rpc 'm' must have the signature 'rpc m(A) returns"
                                + " (stream B)'\n  hint: add 'stream' to the response, or use @unary"),
                of(
                        "throwsOnNotificationsIsReported",
                        """
                        package t;
                        message A {}
                        error E {}
                        service S { @notifications rpc m(stream A) throws E; }
                        """,
                        "a.quic:4:28: error[QIDL212]: @notifications rpc 'm' cannot declare errors: it has no"
                                + " response stream to carry them\n  hint: remove the 'throws' clause"),
                of(
                        "errorListedTwiceInThrowsIsReported",
                        """
                        package t;
                        message A {}
                        error E {}
                        service S { @unary rpc m(A) returns (A) throws E, E; }
                        """,
                        "a.quic:4:20: error[QIDL213]: rpc 'm' lists error 't.E' twice in throws"),
                of(
                        "javaKeywordAsTypeNameIsReported",
                        """
                        package t;
                        message class {}
                        """,
                        "a.quic:2:1: error[QIDL220]: message name 'class' is a Java keyword and cannot name a"
                                + " class\n  hint: type names are PascalCase, e.g. 'ClassType'"),
                of(
                        "nestedTypeNamedLikeItsParentIsReported",
                        """
                        package t;
                        message Outer { message Outer {} }
                        """,
                        "a.quic:2:17: error[QIDL221]: nested type 'Outer' has the name of its enclosing message"
                                + " 'Outer'\n  hint: Java forbids a nested class named like an enclosing class; rename it"),
                of(
                        "fieldsWhoseCamelCaseNamesCollideAreReported",
                        """
                        package t;
                        message A {
                          int32 foo_bar = 1;
                          int32 fooBar = 2;
                        }
                        """,
                        "a.quic:4:3: error[QIDL222]: fields 'foo_bar' and 'fooBar' both become 'fooBar' in Java\n"
                                + "  hint: rename one of them"),
                of(
                        "rpcsWhoseCamelCaseNamesCollideAreReported",
                        """
                        package t;
                        message A {}
                        service S {
                          @unary rpc get_room(A) returns (A);
                          @unary rpc getRoom(A) returns (A);
                        }
                        """,
                        "a.quic:5:10: error[QIDL222]: rpcs 'get_room' and 'getRoom' both become 'getRoom' in Java\n"
                                + "  hint: rename one of them"),
                of(
                        "typeNamedLikeAScalarIsReported",
                        """
                        package t;
                        message bytes { int32 x = 1; }
                        """,
                        "a.quic:2:1: error[QIDL223]: message name 'bytes' is the name of a scalar type, so nothing"
                                + " could refer to it\n  hint: type names are PascalCase, e.g. 'BytesValue'"),
                of(
                        "enumValueNamedUnrecognizedIsReported",
                        """
                        package t;
                        enum E { Z = 0; UNRECOGNIZED = 1; }
                        """,
                        "a.quic:2:17: error[QIDL222]: enum value 'UNRECOGNIZED' clashes with the constant generated"
                                + " for unknown numbers\n  hint: rename it"),
                files(
                        "typesOfTwoPackagesSharingAJavaPackageClash",
                        List.of("a.quic", "b.quic"),
                        "b.quic:3:1: error[QIDL222]: 't.A' and 'u.A' both become Java class 'com.acme.A'\n"
                                + "  hint: rename one, or give one file its own option java_package",
                        "a.quic",
                        "package t;\noption java_package = \"com.acme\";\nmessage A {}\n",
                        "b.quic",
                        "package u;\noption java_package = \"com.acme\";\nmessage A {}\n"),

                // 3xx: warnings
                files(
                        "unusedImportIsAWarning",
                        List.of("a.quic"),
                        "a.quic:2:1: warning[QIDL301]: import 'common/time.quic' is not used\n  hint: remove it",
                        "a.quic",
                        "package t;\nimport \"common/time.quic\";\n",
                        "common/time.quic",
                        TIME),
                files(
                        "repeatedImportIsAWarning",
                        List.of("a.quic"),
                        "a.quic:3:1: warning[QIDL302]: 'common/time.quic' is imported more than once\n"
                                + "  hint: remove this import",
                        "a.quic",
                        "package t;\nimport \"common/time.quic\";\nimport \"common/time.quic\";\n"
                                + "message B { common.time.Instant at = 1; }\n",
                        "common/time.quic",
                        TIME),

                // Stages and collection
                of(
                        "allSemanticErrorsOfAFileAreReportedTogether",
                        """
                        package t;
                        message A {
                          int32 x = 1;
                          int32 x = 2;
                          int32 y = 1;
                        }
                        enum E { A = 1; }
                        """,
                        "a.quic:4:3: error[QIDL201]: field 'x' is already declared in message 'A' at a.quic:3:3\n"
                                + "a.quic:5:3: error[QIDL202]: field 'y' has number 1, already used by field 'x'\n"
                                + "  hint: the next free number is 2\n"
                                + "a.quic:7:1: error[QIDL207]: enum 'E' has no value numbered 0\n"
                                + "  hint: add a first value such as 'E_UNSPECIFIED = 0;' (0 is the value of an unset field)"),
                files(
                        "linkingWaitsUntilEveryFileParses",
                        List.of("a.quic", "b.quic"),
                        "b.quic:2:19: error[QIDL001]: expected a field name, found '='",
                        "a.quic",
                        "package t;\nmessage A { Unknown u = 1; }\n",
                        "b.quic",
                        "package u;\nmessage B { int32 = 1; }\n"),
                of("validationWaitsUntilLinkingSucceeds", """
                        package t;
                        message A {
                          Unknown u = 1;
                          int32 dup = 2;
                          int32 dup = 3;
                        }
                        """, "a.quic:3:3: error[QIDL111]: unknown type 'Unknown'"));
    }
}
