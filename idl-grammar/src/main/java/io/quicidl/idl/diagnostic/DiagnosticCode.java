package io.quicidl.idl.diagnostic;

/**
 * Every diagnostic the front end can report, each with a stable code. docs/LANGUAGE.md
 * lists them all with an example; a test keeps the two in step.
 *
 * <p>Numbering: 0xx loading and syntax, 10x file header, 11x names and references, 12x
 * annotations, 2xx validation, 3xx warnings; 4xx breaking changes between two versions of
 * a schema ({@code quicidl breaking}), 5xx lint findings ({@code quicidl lint}).
 */
public enum DiagnosticCode {
    SYNTAX_ERROR(1),
    INVALID_CHARACTER(2),
    NUMBER_TOO_LARGE(3),
    FILE_NOT_FOUND(4),
    IMPORT_NOT_FOUND(5),
    IMPORT_CYCLE(6),
    FILE_UNREADABLE(7),

    MISSING_PACKAGE(101),
    INVALID_PACKAGE(102),
    DUPLICATE_PACKAGE(103),
    UNKNOWN_OPTION(104),
    DUPLICATE_OPTION(105),
    INVALID_JAVA_PACKAGE(106),

    DUPLICATE_NAME(110),
    UNKNOWN_TYPE(111),
    TYPE_NOT_IMPORTED(112),
    RPC_TYPE_NOT_MESSAGE(113),
    THROWS_NOT_ERROR(114),
    ERROR_USED_AS_FIELD_TYPE(115),
    FIELD_NUMBER_OUT_OF_RANGE(116),
    FIELD_NUMBER_IN_PROTOBUF_RANGE(117),
    ENUM_NUMBER_OUT_OF_RANGE(118),
    INVALID_RESERVED_RANGE(119),

    UNKNOWN_ANNOTATION(120),
    MISSING_PATTERN(121),
    MULTIPLE_PATTERNS(122),
    DUPLICATE_ANNOTATION(123),
    BAD_ANNOTATION_ARGUMENTS(124),

    DUPLICATE_FIELD_NAME(201),
    DUPLICATE_FIELD_NUMBER(202),
    RESERVED_NUMBER_USED(203),
    RESERVED_NAME_USED(204),
    DUPLICATE_ENUM_VALUE_NAME(205),
    DUPLICATE_ENUM_VALUE_NUMBER(206),
    ENUM_WITHOUT_ZERO(207),
    INVALID_MAP_KEY(208),
    UNSUPPORTED_NESTED_CONTAINER(209),
    DUPLICATE_RPC_NAME(210),
    PATTERN_SIGNATURE_MISMATCH(211),
    THROWS_WITHOUT_RESPONSE(212),
    DUPLICATE_THROWS(213),
    JAVA_KEYWORD_TYPE_NAME(220),
    NESTED_NAME_EQUALS_PARENT(221),
    JAVA_NAME_CLASH(222),
    TYPE_NAMED_LIKE_SCALAR(223),

    UNUSED_IMPORT(301, Severity.WARNING),
    DUPLICATE_IMPORT(302, Severity.WARNING),

    SERVICE_REMOVED(401),
    RPC_REMOVED(402),
    RPC_PATTERN_CHANGED(403),
    RPC_STREAMING_CHANGED(404),
    RPC_REQUEST_TYPE_CHANGED(405),
    RPC_RESPONSE_TYPE_CHANGED(406),
    DECLARED_ERROR_REMOVED(407),
    FIELD_REMOVED(410),
    FIELD_NUMBER_CHANGED(411),
    FIELD_TYPE_CHANGED(412),
    ENUM_VALUE_REMOVED(413),
    ENUM_VALUE_NUMBER_CHANGED(414),

    TYPE_NAME_CASE(501, Severity.WARNING),
    FIELD_NAME_CASE(502, Severity.WARNING),
    ENUM_VALUE_NAME_CASE(503, Severity.WARNING),
    RPC_NAME_CASE(504, Severity.WARNING),
    SERVICE_WITHOUT_DOC(505, Severity.WARNING),
    RPC_WITHOUT_DOC(506, Severity.WARNING),
    ENUM_ZERO_VALUE_NAME(507, Severity.WARNING),
    IDEMPOTENT_NOT_APPLICABLE(508, Severity.WARNING);

    private final String id;
    private final Severity severity;

    DiagnosticCode(int number) {
        this(number, Severity.ERROR);
    }

    DiagnosticCode(int number, Severity severity) {
        this.id = String.format("QIDL%03d", number);
        this.severity = severity;
    }

    /** The printed code, e.g. {@code QIDL111}. */
    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }
}
