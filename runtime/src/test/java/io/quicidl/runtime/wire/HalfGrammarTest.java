package io.quicidl.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quicidl.runtime.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link HalfGrammar} against the table of SPEC.md §5, written here as regular expressions over
 * one letter per frame type. Every sequence of frames up to {@value #MAX_LENGTH} long is checked:
 * the grammar accepts a frame exactly when the frames so far can still become a legal half, and
 * accepts FIN exactly when they are one.
 */
class HalfGrammarTest {
    private static final int MAX_LENGTH = 6;

    /** One letter per frame type, for the reference expressions. */
    private static final Map<FrameType, Character> LETTERS = Map.ofEntries(
            Map.entry(FrameType.CALL, 'C'),
            Map.entry(FrameType.MESSAGE, 'M'),
            Map.entry(FrameType.STATUS, 'S'),
            Map.entry(FrameType.RESPONSE_HEADER, 'R'),
            Map.entry(FrameType.HEADERS, 'H'),
            Map.entry(FrameType.SETTINGS, 'g'),
            Map.entry(FrameType.GOAWAY, 'w'),
            Map.entry(FrameType.DRAINED, 'd'),
            Map.entry(FrameType.STREAM_STOPPED, 'x'),
            Map.entry(FrameType.PING, 'p'),
            Map.entry(FrameType.PONG, 'q'));

    /** A half of SPEC.md §5's table, with the expression of its legal frame sequences. */
    record Half(String name, Supplier<HalfGrammar> grammar, String legal) {
        @Override
        public String toString() {
            return name + " = " + legal;
        }
    }

    static Stream<Half> halves() {
        List<Half> halves = new ArrayList<>();
        for (Pattern pattern : Pattern.values()) {
            String request = switch (pattern) {
                case UNARY, SERVER_STREAMING, UNORDERED -> "CM";
                case CLIENT_STREAMING, DUPLEX, NOTIFICATIONS -> "CM*";
                case REALTIME -> "CM?"; // CALL MESSAGE FIN, or CALL FIN with realtime_end
            };
            halves.add(new Half(
                    "request half of a " + pattern + " call", () -> HalfGrammar.requestHalf(pattern), request));
            String response = switch (pattern) {
                case UNARY, CLIENT_STREAMING -> "H?(MS?|S)";
                case SERVER_STREAMING, DUPLEX -> "H?M*S";
                case UNORDERED -> "H?S";
                case NOTIFICATIONS, REALTIME -> null;
            };
            if (response != null) {
                halves.add(new Half(
                        "response half of a " + pattern + " call", () -> HalfGrammar.responseHalf(pattern), response));
            }
        }
        halves.add(new Half("UNORDERED response stream", HalfGrammar::unorderedResponseStream, "RM"));
        return halves.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("halves")
    void acceptsExactlyTheSequencesOfTheSpecTable(Half half) {
        java.util.regex.Pattern legal = java.util.regex.Pattern.compile(half.legal());
        int[] counts = new int[3]; // legal halves, rejected frames, rejected FINs
        explore(half, legal, new ArrayList<>(), counts);
        assertTrue(counts[0] > 0, "some legal sequence exists");
        assertTrue(counts[1] > 0 && counts[2] >= 0, "some illegal frame was tried");
    }

    private static void explore(Half half, java.util.regex.Pattern legal, List<FrameType> prefix, int[] counts) {
        // The prefix itself is viable (checked by the caller): the grammar must take all of it.
        HalfGrammar grammar = feed(half, prefix);
        boolean complete = legal.matcher(letters(prefix)).matches();
        if (complete) {
            grammar.end();
            counts[0]++;
        } else {
            FrameException e =
                    assertThrows(FrameException.class, grammar::end, () -> "FIN after " + prefix + " in " + half);
            assertViolation(half, e);
            counts[2]++;
        }
        if (prefix.size() == MAX_LENGTH) {
            return;
        }
        for (FrameType next : FrameType.values()) {
            List<FrameType> longer = new ArrayList<>(prefix);
            longer.add(next);
            if (viable(legal, longer)) {
                explore(half, legal, longer, counts);
            } else {
                HalfGrammar fresh = feed(half, prefix);
                FrameException e = assertThrows(
                        FrameException.class,
                        () -> fresh.accept(next),
                        () -> next + " after " + prefix + " in " + half);
                assertViolation(half, e);
                counts[1]++;
            }
        }
    }

    private static HalfGrammar feed(Half half, List<FrameType> frames) {
        HalfGrammar grammar = half.grammar().get();
        for (FrameType frame : frames) {
            try {
                grammar.accept(frame);
            } catch (FrameException e) {
                fail(frames + " is a legal start of the " + half + " but the grammar threw: " + e.getMessage());
            }
        }
        return grammar;
    }

    /** Whether some legal sequence starts with {@code frames}. */
    private static boolean viable(java.util.regex.Pattern legal, List<FrameType> frames) {
        Matcher matcher = legal.matcher(letters(frames));
        return matcher.matches() || matcher.hitEnd();
    }

    private static String letters(List<FrameType> frames) {
        StringBuilder text = new StringBuilder();
        for (FrameType frame : frames) {
            text.append(LETTERS.get(frame));
        }
        return text.toString();
    }

    private static void assertViolation(Half half, FrameException e) {
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.code());
        assertTrue(e.getMessage().startsWith(half.name() + ": "), e.getMessage());
    }

    // --- Each kind of violation, with its exact message ------------------------------------------

    @ParameterizedTest(name = "{0} {1}: {2} → {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                // half      | pattern          | frames, then FIN if it ends with FIN | message
                "request  | UNARY            | MESSAGE                   | must start with CALL, got MESSAGE",
                "request  | DUPLEX           | HEADERS                   | must start with CALL, got HEADERS",
                "request  | UNARY            | CALL MESSAGE CALL         | a second CALL",
                "request  | DUPLEX           | CALL CALL                 | a second CALL",
                "request  | UNARY            | CALL MESSAGE MESSAGE      | more than 1 MESSAGE frame",
                "request  | REALTIME         | CALL MESSAGE MESSAGE      | more than 1 MESSAGE frame",
                "request  | UNARY            | CALL FIN                  | finished with 0 MESSAGE frames, needs 1",
                "request  | SERVER_STREAMING | CALL FIN                  | finished with 0 MESSAGE frames, needs 1",
                "request  | UNARY            | CALL MESSAGE STATUS       | STATUS is not allowed here",
                "request  | NOTIFICATIONS    | CALL STATUS               | STATUS is not allowed here",
                "request  | CLIENT_STREAMING | CALL HEADERS              | HEADERS is only allowed as the first frame of a response half",
                "request  | UNARY            | FIN                       | finished before its CALL frame",
                "request  | NOTIFICATIONS    | FIN                       | finished before its CALL frame",
                "request  | DUPLEX           | CALL MESSAGE SETTINGS     | SETTINGS is not allowed on a call stream",
                "request  | UNARY            | CALL PING                 | PING is not allowed on a call stream",
                "request  | UNORDERED        | CALL RESPONSE_HEADER      | RESPONSE_HEADER is not allowed here",
                "response | UNARY            | CALL                      | CALL is not allowed here",
                "response | UNARY            | MESSAGE MESSAGE           | more than 1 MESSAGE frame",
                "response | CLIENT_STREAMING | MESSAGE STATUS MESSAGE    | MESSAGE after STATUS",
                "response | DUPLEX           | STATUS STATUS             | STATUS after STATUS",
                "response | SERVER_STREAMING | MESSAGE STATUS HEADERS    | HEADERS after STATUS",
                "response | SERVER_STREAMING | MESSAGE HEADERS           | HEADERS is only allowed as the first frame of a response half",
                "response | UNARY            | HEADERS HEADERS           | HEADERS is only allowed as the first frame of a response half",
                "response | UNARY            | FIN                       | finished without STATUS",
                "response | UNARY            | HEADERS FIN               | finished without STATUS",
                "response | SERVER_STREAMING | MESSAGE MESSAGE FIN       | finished without STATUS",
                "response | DUPLEX           | FIN                       | finished without STATUS",
                "response | UNORDERED        | HEADERS FIN               | finished without STATUS",
                "response | UNORDERED        | MESSAGE                   | more than 0 MESSAGE frames",
                "response | DUPLEX           | MESSAGE GOAWAY            | GOAWAY is not allowed on a call stream",
                "response | UNARY            | DRAINED                   | DRAINED is not allowed on a call stream",
                "response | UNARY            | RESPONSE_HEADER           | RESPONSE_HEADER is not allowed here",
                "unordered-response | UNORDERED | MESSAGE                | must start with RESPONSE_HEADER, got MESSAGE",
                "unordered-response | UNORDERED | RESPONSE_HEADER RESPONSE_HEADER | a second RESPONSE_HEADER",
                "unordered-response | UNORDERED | RESPONSE_HEADER MESSAGE MESSAGE | more than 1 MESSAGE frame",
                "unordered-response | UNORDERED | RESPONSE_HEADER STATUS  | STATUS is not allowed here",
                "unordered-response | UNORDERED | RESPONSE_HEADER HEADERS | HEADERS is only allowed as the first frame of a response half",
                "unordered-response | UNORDERED | RESPONSE_HEADER FIN     | finished with 0 MESSAGE frames, needs 1",
                "unordered-response | UNORDERED | FIN                     | finished before its RESPONSE_HEADER frame",
                "unordered-response | UNORDERED | RESPONSE_HEADER MESSAGE STREAM_STOPPED | STREAM_STOPPED is not allowed on a call stream",
            })
    void eachViolationIsAProtocolErrorNamingTheHalfAndTheProblem(
            String kind, Pattern pattern, String frames, String problem) {
        HalfGrammar grammar = switch (kind) {
            case "request" -> HalfGrammar.requestHalf(pattern);
            case "response" -> HalfGrammar.responseHalf(pattern);
            default -> HalfGrammar.unorderedResponseStream();
        };
        String name = switch (kind) {
            case "request" -> "request half of a " + pattern + " call";
            case "response" -> "response half of a " + pattern + " call";
            default -> "UNORDERED response stream";
        };
        String[] steps = frames.trim().split("\\s+");
        FrameException failure = null;
        for (int i = 0; i < steps.length && failure == null; i++) {
            boolean last = i == steps.length - 1;
            try {
                if (steps[i].equals("FIN")) {
                    grammar.end();
                } else {
                    grammar.accept(FrameType.valueOf(steps[i]));
                }
            } catch (FrameException e) {
                assertTrue(last, "failed early, at " + steps[i] + ": " + e.getMessage());
                failure = e;
            }
        }
        assertTrue(failure != null, frames + " was accepted");
        assertEquals(ErrorCode.PROTOCOL_ERROR, failure.code());
        assertEquals(name + ": " + problem, failure.getMessage());
    }

    @ParameterizedTest
    @EnumSource(
            value = Pattern.class,
            names = {"NOTIFICATIONS", "REALTIME"})
    void patternsWithoutAResponseHalfHaveNoResponseGrammar(Pattern pattern) {
        assertThrows(IllegalArgumentException.class, () -> HalfGrammar.responseHalf(pattern));
    }

    @Test
    void countsMessagesAndRemembersStatus() {
        HalfGrammar grammar = HalfGrammar.responseHalf(Pattern.DUPLEX);
        grammar.accept(FrameType.HEADERS);
        grammar.accept(FrameType.MESSAGE);
        grammar.accept(FrameType.MESSAGE);
        assertEquals(2, grammar.messages());
        assertFalse(grammar.statusSeen());
        grammar.accept(FrameType.STATUS);
        assertTrue(grammar.statusSeen());
        grammar.end();
    }

    @Test
    void unaryResponseMayEndRightAfterItsMessageMeaningOk() {
        HalfGrammar grammar = HalfGrammar.responseHalf(Pattern.UNARY);
        grammar.accept(FrameType.MESSAGE);
        grammar.end();
        assertFalse(grammar.statusSeen());
        assertEquals(1, grammar.messages());
    }
}
