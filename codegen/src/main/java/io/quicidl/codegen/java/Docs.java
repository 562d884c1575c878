package io.quicidl.codegen.java;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.quicidl.idl.model.RpcPattern;

/**
 * The Javadoc text of generated code: schema doc comments made safe for Javadoc, the marks every
 * generated type carries, and what each pattern means for a call, written once per pattern. Each
 * claim of the pattern table is taken from the runtime's contracts ({@code ClientCalls}, the
 * handles, {@code ServerMethod}) and SPEC.md §5.
 */
final class Docs {

    /** {@code @javax.annotation.processing.Generated("io.quicidl.codegen")}. */
    static final AnnotationSpec GENERATED = AnnotationSpec.builder(
                    ClassName.get("javax.annotation.processing", "Generated"))
            .addMember("value", "$S", "io.quicidl.codegen")
            .build();

    /** A paragraph break between two parts of a comment. */
    static final String PARAGRAPH = "\n<p>";

    private Docs() {}

    /**
     * The doc comment as Javadoc text ending in a newline, or empty. A schema doc comment is plain
     * text: HTML characters and {@code @} are escaped (so a comment reading {@code list<T>} or
     * {@code @deadline} shows as written), and a blank line starts a new paragraph.
     */
    static CodeBlock javadoc(String doc) {
        if (doc == null || doc.isBlank()) {
            return CodeBlock.of("");
        }
        String text = doc.strip()
                .replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("@", "&#64;")
                .replace("*/", "*&#47;")
                .replaceAll("\n[ \t]*\n", "\n<p>");
        return CodeBlock.of("$L\n", text);
    }

    /** The schema's doc comment, or {@code fallback} when it has none; either ends in a newline. */
    static CodeBlock javadocOr(String doc, CodeBlock fallback) {
        return doc == null || doc.isBlank() ? fallback : javadoc(doc);
    }

    /**
     * What a pattern means for each side of a call. Texts are Javadoc fragments; {@code requests}
     * and {@code responses} name the parameters of the generated methods.
     *
     * @param streams the QUIC streams the call uses and who finishes what
     * @param blocking what the blocking stub method does, how to cancel, what to close
     * @param blockingReturns the {@code @return} of the blocking stub method
     * @param blockingFailure where a failure reaches the blocking caller
     * @param async what the asynchronous stub method does, how to cancel
     * @param asyncReturns the {@code @return} of the asynchronous stub method
     * @param asyncFailure where a failure reaches the asynchronous caller
     * @param server what the handler receives, how it ends the call, how it sees a cancel
     */
    record PatternText(
            String streams,
            String blocking,
            String blockingReturns,
            String blockingFailure,
            String async,
            String asyncReturns,
            String asyncFailure,
            String server) {}

    private static final String FUTURE_FAILS = "the future fails with it (its {@code join()} throws it wrapped in a"
            + " {@code CompletionException}, {@code get()} in an {@code ExecutionException})";
    private static final String ON_ERROR =
            "the subscriber's {@code onError} receives it, after the responses that arrived before it";
    private static final String RESPONSE_PUBLISHER = "Each subscriber starts its own call when it first requests"
            + " (subscribing twice makes two calls) and receives responses only as far as it requested, on the"
            + " client's handler executor, never on an event loop; the publisher completes after the last response."
            + " Cancelling the subscription cancels the call.";
    private static final String REQUEST_PUBLISHER = "{@code requests} is subscribed before this method returns, so a"
            + " hot publisher loses nothing submitted after it; one that completes at once sends no request. An error"
            + " from {@code requests} cancels the call and fails the future with that error; cancelling the future"
            + " cancels the subscription and the call.";
    private static final String READ_OR_CLOSE = " Read it to its end, or close it: closing a stream that has not"
            + " ended cancels the call, so use try-with-resources. Interrupting a thread blocked in"
            + " {@code hasNext()} also cancels the call.";
    private static final String REQUESTS_HANDLER = "Iterate {@code requests} to read the messages in order;"
            + " {@code hasNext()} blocks, and a slow handler slows the client down through QUIC flow control.";

    /** The table: one entry per pattern. */
    static PatternText pattern(RpcPattern pattern) {
        return switch (pattern) {
            case UNARY ->
                new PatternText(
                        "One bidirectional QUIC stream: the client sends the request and finishes its half; the server"
                                + " sends the response, or a failure status, and finishes its half.",
                        "Sends the request and blocks until the response arrives. Interrupting the waiting thread"
                                + " cancels the call (its stream is reset and stopped with CANCELLED). There is nothing"
                                + " to close.",
                        "the response",
                        "this method throws it",
                        "Returns at once; the future completes with the response on the client's handler executor,"
                                + " never on an event loop. Cancelling the future cancels the call (its stream is reset"
                                + " and stopped with CANCELLED). There is nothing to close.",
                        "the response, once it arrives",
                        FUTURE_FAILS,
                        "Return the response to end the call with OK.");
            case SERVER_STREAMING ->
                new PatternText(
                        "One bidirectional QUIC stream: the client sends the request and finishes its half; the server"
                                + " sends the responses in order, then a status, and finishes its half.",
                        "Starts the call and returns at once; iterate the returned stream for the responses as they"
                                + " arrive ({@code hasNext()} blocks)." + READ_OR_CLOSE
                                + " Closing stops the response half with CANCELLED.",
                        "the responses, to read to their end or close",
                        "the stream's {@code hasNext()} throws it, after the responses that arrived before it",
                        RESPONSE_PUBLISHER,
                        "the responses; each subscription is a call of its own",
                        ON_ERROR,
                        "Send each response with {@code responses.send}, which blocks while the client's flow control"
                                + " takes no more; return to end the call with OK.");
            case CLIENT_STREAMING ->
                new PatternText(
                        "One bidirectional QUIC stream: the client sends any number of requests and finishes its half;"
                                + " the server sends one response, or a failure status, and finishes its half (it may"
                                + " answer before the requests end).",
                        "Starts the call and returns it at once: {@code send} each request (it blocks while flow"
                                + " control takes no more), then {@code complete()} finishes the request half and waits"
                                + " for the response. {@code cancel()}, from any thread, resets the request half and"
                                + " stops the response half with CANCELLED. End every call with {@code complete()} or"
                                + " {@code cancel()}.",
                        "the running call: send the requests, then complete it for the response",
                        "{@code complete()} throws it",
                        "Subscribes to {@code requests}, sends them as flow control takes them and finishes the request"
                                + " half when the publisher completes; the future completes with the response on the"
                                + " client's handler executor. " + REQUEST_PUBLISHER,
                        "the response, once the requests are sent and the server answered",
                        FUTURE_FAILS,
                        REQUESTS_HANDLER + " Return the response to end the call with OK; it may come before every"
                                + " request was read.");
            case DUPLEX ->
                new PatternText(
                        "One bidirectional QUIC stream with both halves streaming at once: each side sends any number"
                                + " of messages and finishes its own half; the server's half ends with a status.",
                        "Starts the call and returns it at once: {@code send} requests (it blocks while flow control"
                                + " takes no more) and then {@code complete()} the request half, while iterating the"
                                + " responses, on the same thread or another. Read the responses to their end, or close"
                                + " the call: closing (or {@code cancel()}) a call that has not ended resets and stops"
                                + " its stream with CANCELLED, so use try-with-resources.",
                        "the running call: the sink of the requests and the stream of the responses",
                        "the response iterator's {@code hasNext()} throws it, after the responses that arrived before"
                                + " it",
                        "Starts the call and subscribes to {@code requests} before it returns, sends them as flow"
                                + " control takes them and finishes the request half when that publisher completes."
                                + " The returned publisher takes one subscriber, which receives responses only as far"
                                + " as it requested, on the client's handler executor; cancelling its subscription"
                                + " cancels the call. An error from {@code requests} cancels the call, which the"
                                + " subscriber sees as CANCELLED.",
                        "the responses of the call, for one subscriber",
                        ON_ERROR,
                        "Read {@code requests} and send on {@code responses} as the conversation needs, each from one"
                                + " thread at a time and only until the handler returns; {@code send} blocks while the"
                                + " client's flow control takes no more. Return to end the call with OK.");
            case NOTIFICATIONS ->
                new PatternText(
                        "One unidirectional QUIC stream opened by the client: it sends the messages in order and"
                                + " finishes the stream; there is no response. The server reports a failure by stopping"
                                + " the stream.",
                        "Starts the call and returns the sink at once: {@code send} each message (it blocks while flow"
                                + " control takes no more), then {@code complete()}, which finishes the stream and"
                                + " returns at once: delivery of what was sent is guaranteed by the connection's close"
                                + " handshake, not by {@code complete()}. {@code cancel()}, from any thread, resets the"
                                + " stream with CANCELLED.",
                        "the sink of the messages",
                        "a later {@code send} or {@code complete()} throws it",
                        "Subscribes to {@code requests} and sends them in order; the future completes once the publisher"
                                + " completed and the end of the stream is queued behind the messages (delivery as for"
                                + " the blocking {@code complete()}). " + REQUEST_PUBLISHER,
                        "completes once every message is queued and the stream finished",
                        "the future fails with it",
                        REQUESTS_HANDLER + " Return when done; the client gets no answer. A failure stops the client's"
                                + " stream with its status.");
            case UNORDERED ->
                new PatternText(
                        "A bidirectional control stream carries the request and, at the end, the status with the number"
                                + " of responses; each response travels on a unidirectional QUIC stream of its own"
                                + " opened by the server, so a lost packet delays only its response. Responses arrive in"
                                + " the order the server finishes them, each with the index the server gave it.",
                        "Starts the call and returns at once; iterate the returned stream for the indexed responses in"
                                + " the order they complete ({@code hasNext()} blocks)." + READ_OR_CLOSE
                                + " Closing stops the control stream and every response stream with CANCELLED.",
                        "the indexed responses, to read to their end or close",
                        "the stream's {@code hasNext()} throws it, after the responses that arrived before it",
                        RESPONSE_PUBLISHER,
                        "the indexed responses; each subscription is a call of its own",
                        ON_ERROR,
                        "Send each response with {@code responses.send(index, value)}, under an index unique within the"
                                + " call; many threads may send at once, but they must be done before the handler"
                                + " returns. Return to end the call with OK.");
            case REALTIME ->
                new PatternText(
                        "One unidirectional QUIC stream opened by the client per message, the newest at the highest"
                                + " priority: a new message resets older ones still sending (STALE), and the server"
                                + " never delivers a message older than one it delivered. One last small stream ends the"
                                + " call.",
                        "Starts the call and returns the sink at once: {@code send} each message (it never waits for"
                                + " older messages, only for stream credit), then {@code complete()} ends the call."
                                + " {@code cancel()}, from any thread, resets the streams still sending with CANCELLED.",
                        "the sink of the messages",
                        "a later {@code send} throws it",
                        "Subscribes to {@code requests} and sends each as it arrives, superseding older ones still in"
                                + " flight; when the publisher completes the call is ended and the future completes. "
                                + REQUEST_PUBLISHER,
                        "completes once the publisher completed and the call was ended",
                        "the future fails with it",
                        "Iterate {@code requests} for the messages that were not superseded, oldest first; stale ones"
                                + " never arrive. Return when done; the client gets no answer.");
        };
    }
}
