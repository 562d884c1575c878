package io.quicidl.runtime.wire;

import io.quicidl.runtime.Pattern;

/**
 * Which frames may follow each other on one half of a call stream, per pattern (the table in
 * SPEC.md §5). One instance watches one half: feed it every frame type as it arrives and call
 * {@link #end()} at FIN. A violation is a {@link FrameException} with PROTOCOL_ERROR. Not
 * thread-safe; each half is read on its stream's event loop.
 */
public final class HalfGrammar {
    /** Whether and where STATUS may end the half. */
    private enum StatusRule {
        /** The half carries no STATUS (request halves, unordered response streams). */
        NONE,
        /** STATUS must end the half. */
        REQUIRED,
        /** STATUS ends the half, or FIN right after the single MESSAGE means OK (unary shapes). */
        OPTIONAL_AFTER_MESSAGE
    }

    private final String name;
    private final FrameType opening;
    private final int minMessages;
    private final int maxMessages;
    private final StatusRule statusRule;

    private boolean opened;
    private boolean headersAllowed;
    private int messages;
    private boolean statusSeen;

    private HalfGrammar(String name, FrameType opening, int minMessages, int maxMessages, StatusRule statusRule) {
        this.name = name;
        this.opening = opening;
        this.minMessages = minMessages;
        this.maxMessages = maxMessages;
        this.statusRule = statusRule;
        this.opened = opening == null;
        this.headersAllowed = statusRule != StatusRule.NONE;
    }

    /** The request half of a call stream (bidi or uni) of {@code pattern}. */
    public static HalfGrammar requestHalf(Pattern pattern) {
        String name = "request half of a " + pattern + " call";
        return switch (pattern) {
            case UNARY, SERVER_STREAMING, UNORDERED -> new HalfGrammar(name, FrameType.CALL, 1, 1, StatusRule.NONE);
            case CLIENT_STREAMING, DUPLEX, NOTIFICATIONS ->
                new HalfGrammar(name, FrameType.CALL, 0, Integer.MAX_VALUE, StatusRule.NONE);
            // A realtime stream carries one MESSAGE, or none when its CALL says realtime_end;
            // the realtime state machine checks which of the two applies.
            case REALTIME -> new HalfGrammar(name, FrameType.CALL, 0, 1, StatusRule.NONE);
        };
    }

    /** The response half of a bidi call stream of {@code pattern}. */
    public static HalfGrammar responseHalf(Pattern pattern) {
        String name = "response half of a " + pattern + " call";
        return switch (pattern) {
            case UNARY, CLIENT_STREAMING -> new HalfGrammar(name, null, 0, 1, StatusRule.OPTIONAL_AFTER_MESSAGE);
            case SERVER_STREAMING, DUPLEX -> new HalfGrammar(name, null, 0, Integer.MAX_VALUE, StatusRule.REQUIRED);
            case UNORDERED -> new HalfGrammar(name, null, 0, 0, StatusRule.REQUIRED);
            case NOTIFICATIONS, REALTIME ->
                throw new IllegalArgumentException(pattern + " calls have no response half");
        };
    }

    /** An {@code @unordered} response stream: RESPONSE_HEADER, one MESSAGE, FIN. */
    public static HalfGrammar unorderedResponseStream() {
        return new HalfGrammar("UNORDERED response stream", FrameType.RESPONSE_HEADER, 1, 1, StatusRule.NONE);
    }

    /** Checks that a frame of {@code type} may come next, and records it. */
    public void accept(FrameType type) {
        if (!opened) {
            if (type != opening) {
                throw violation("must start with " + opening + ", got " + type);
            }
            opened = true;
            return;
        }
        if (statusSeen) {
            throw violation(type + " after STATUS");
        }
        switch (type) {
            case HEADERS -> {
                if (!headersAllowed) {
                    throw violation("HEADERS is only allowed as the first frame of a response half");
                }
            }
            case MESSAGE -> {
                if (messages == maxMessages) {
                    throw violation("more than " + maxMessages + " MESSAGE frame" + (maxMessages == 1 ? "" : "s"));
                }
                messages++;
            }
            case STATUS -> {
                if (statusRule == StatusRule.NONE) {
                    throw violation("STATUS is not allowed here");
                }
                if (messages < minMessages) {
                    throw violation("STATUS before the required MESSAGE");
                }
                statusSeen = true;
            }
            default -> {
                if (type == opening) {
                    throw violation("a second " + type);
                }
                throw violation(
                        type.isControl() ? type + " is not allowed on a call stream" : type + " is not allowed here");
            }
        }
        headersAllowed = false;
    }

    /** Checks that the half may end (FIN) here. */
    public void end() {
        if (!opened) {
            throw violation("finished before its " + opening + " frame");
        }
        if (messages < minMessages) {
            throw violation("finished with " + messages + " MESSAGE frames, needs " + minMessages);
        }
        boolean statusMissing = switch (statusRule) {
            case NONE -> false;
            case REQUIRED -> !statusSeen;
            case OPTIONAL_AFTER_MESSAGE -> !statusSeen && messages == 0;
        };
        if (statusMissing) {
            throw violation("finished without STATUS");
        }
    }

    /** Number of MESSAGE frames accepted so far. */
    public int messages() {
        return messages;
    }

    /** Whether a STATUS frame was accepted. */
    public boolean statusSeen() {
        return statusSeen;
    }

    private FrameException violation(String what) {
        return new FrameException(ErrorCode.PROTOCOL_ERROR, name + ": " + what);
    }
}
