package io.quicidl.codegen.java;

import com.palantir.javapoet.CodeBlock;
import io.quicidl.codegen.java.Docs.PatternText;
import io.quicidl.idl.model.ErrorRef;
import io.quicidl.idl.model.RealtimeDelivery;
import io.quicidl.idl.model.Rpc;
import io.quicidl.idl.model.RpcModifiers;
import io.quicidl.idl.model.RpcPattern;
import io.quicidl.runtime.AsyncRequestSink;
import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.DeclaredError;
import io.quicidl.runtime.StatusException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Javadoc of each rpc's generated members: the schema's doc comment first, then from
 * {@link Docs#pattern} what the pattern means for the side at hand, the deadline, how failures
 * and declared errors arrive, and the tags.
 */
final class RpcDocs {

    private RpcDocs() {}

    /** A blocking stub method; {@code withOptions} for the overload taking {@link CallOptions}. */
    static CodeBlock blockingClient(Rpc rpc, boolean withOptions) {
        PatternText text = Docs.pattern(rpc.pattern());
        CodeBlock.Builder doc = header(rpc).add(Docs.PARAGRAPH + "$L\n", text.blocking());
        doc.add(deadline(rpc, withOptions))
                .add(failures(rpc, text.blockingFailure()))
                .add("\n");
        if (!rpc.pattern().clientStreaming()) {
            doc.add("@param request the request message\n");
        }
        options(doc, withOptions).add("@return $L\n", text.blockingReturns());
        if (rpc.pattern() == RpcPattern.UNARY) {
            for (ErrorRef error : rpc.errors()) {
                doc.add("@throws $T when the server's handler throws it\n", JavaTypes.className(error.javaName()));
            }
        }
        return doc.build();
    }

    /**
     * An asynchronous stub method; {@code withOptions} for the overload taking {@link CallOptions},
     * {@code sink} for the one of a streaming-request rpc that takes no requests and returns the
     * call's request sink.
     */
    static CodeBlock asyncClient(Rpc rpc, boolean withOptions, boolean sink) {
        if (sink && rpc.pattern().clientStreaming()) {
            return asyncSink(rpc, withOptions);
        }
        PatternText text = Docs.pattern(rpc.pattern());
        CodeBlock.Builder doc = header(rpc).add(Docs.PARAGRAPH + "$L\n", text.async());
        doc.add(deadline(rpc, withOptions)).add(failures(rpc, text.asyncFailure()));
        if (rpc.pattern().clientStreaming()) {
            doc.add("\n@param requests the request messages, asked for a few at a time as flow control takes them\n");
        } else {
            doc.add("\n@param request the request message\n");
        }
        return options(doc, withOptions)
                .add("@return $L\n", text.asyncReturns())
                .build();
    }

    /** The asynchronous stub method of a streaming-request rpc that returns the call's request sink. */
    private static CodeBlock asyncSink(Rpc rpc, boolean withOptions) {
        String result = switch (rpc.pattern()) {
            case CLIENT_STREAMING ->
                "{@code response()} completes with the response, on the client's handler"
                        + " executor, once the requests are sent and the server answered.";
            case DUPLEX ->
                "{@code responses()} publishes the responses to one subscriber, only as far as it"
                        + " requested; the call runs from its start, so subscribe to them or cancel it.";
            case REALTIME ->
                "A message never waits for older ones, which it supersedes; {@code done()} completes"
                        + " once {@code complete()} ended the call.";
            default ->
                "{@code done()} completes once {@code complete()} queued the end of the stream behind the"
                        + " messages (delivery as for the blocking {@code complete()}).";
        };
        CodeBlock.Builder doc = header(rpc)
                .add(
                        Docs.PARAGRAPH + "Starts the call and returns its request sink at once, gRPC's request"
                                + " {@code StreamObserver} with flow control in view: {@code send} never blocks and"
                                + " returns a stage that completes when flow control took the message; send the"
                                + " next one then, as at most {@link $T#MAX_PENDING} may wait and one more fails"
                                + " the call. {@code complete()} ends the requests, {@code cancel()} cancels the"
                                + " call, from any thread. $L\n",
                        AsyncRequestSink.class,
                        result);
        doc.add(deadline(rpc, withOptions))
                .add(failures(rpc, "the stages of {@code send} and the call's result fail with it"))
                .add("\n");
        return options(doc, withOptions)
                .add("@return the running call's request sink\n")
                .build();
    }

    /** A server handler; {@code asyncUnary} for the non-blocking {@code @unary} handler. */
    static CodeBlock handler(Rpc rpc, boolean asyncUnary) {
        PatternText text = Docs.pattern(rpc.pattern());
        CodeBlock.Builder doc = header(rpc).add(Docs.PARAGRAPH + "$L\n", text.server());
        if (asyncUnary) {
            doc.add(Docs.PARAGRAPH + "Runs on the connection's event loop: return at once and complete the stage"
                    + " later, on any thread, with the response or a failure, which means what throwing"
                    + " it would. Blocking here stalls every call of the connection.\n");
        } else {
            doc.add(Docs.PARAGRAPH + "Runs on the server's handler executor, never on an event loop, so it may"
                    + " block.\n");
        }
        doc.add(
                Docs.PARAGRAPH + "When the call is over for the client (it cancelled, its deadline passed or the"
                        + " connection was lost), {@code context.isCancelled()} turns true, reading requests and"
                        + " sending responses throw {@link $T}, and the result is discarded: stop then. The"
                        + " client's deadline, if it set one, is {@code context.deadline()}.\n",
                StatusException.class);
        doc.add(Docs.PARAGRAPH);
        if (!rpc.errors().isEmpty()) {
            doc.add(
                    "Throw $L to end the call with that declared error; the client receives it typed. ",
                    errorLinks(rpc));
        }
        doc.add(
                "Throwing a {@link $T} ends the call with its status; any other exception ends it with INTERNAL"
                        + " (it is logged here, never sent).\n\n",
                StatusException.class);
        if (rpc.pattern().clientStreaming()) {
            doc.add("@param requests the client's requests, in order\n");
        } else {
            doc.add("@param request the client's request\n");
        }
        if (rpc.pattern().serverStreaming()) {
            doc.add(
                    "@param responses where the $Lresponses go\n",
                    rpc.pattern() == RpcPattern.UNORDERED ? "indexed " : "");
        }
        doc.add("@param context the call's metadata, deadline, peer and cancellation\n");
        if (rpc.pattern().hasResponse() && !rpc.pattern().serverStreaming()) {
            doc.add(asyncUnary ? "@return a stage that completes with the response\n" : "@return the response\n");
        }
        for (ErrorRef error : rpc.errors()) {
            doc.add("@throws $T to end the call with this declared error\n", JavaTypes.className(error.javaName()));
        }
        return doc.build();
    }

    /** A method descriptor constant: the schema's doc, the pattern, the path and the modifiers. */
    static CodeBlock descriptor(Rpc rpc) {
        return header(rpc).build();
    }

    /** The schema's doc comment, then the pattern, the path, the streams and the modifiers. */
    private static CodeBlock.Builder header(Rpc rpc) {
        CodeBlock.Builder doc = CodeBlock.builder().add(Docs.javadoc(rpc.doc()));
        if (!rpc.doc().isBlank()) {
            doc.add(Docs.PARAGRAPH);
        }
        String streams = Docs.pattern(rpc.pattern()).streams();
        doc.add(
                "Pattern {@code @$L}, path {@code $L}: $L$L\n",
                rpc.pattern().annotationName(),
                rpc.path(),
                Character.toLowerCase(streams.charAt(0)),
                streams.substring(1));
        RpcModifiers modifiers = rpc.modifiers();
        List<String> notes = new ArrayList<>();
        if (modifiers.idempotent()) {
            notes.add("{@code @idempotent}: safe to run twice, so it may travel as 0-RTT early data.");
        }
        modifiers
                .maxMessageBytes()
                .ifPresent(n -> notes.add("{@code @max_message_bytes(" + n + ")}: a larger message fails the call with"
                        + " RESOURCE_EXHAUSTED."));
        boolean datagrams = modifiers.realtimeDelivery() == RealtimeDelivery.DATAGRAM;
        modifiers
                .realtimeMaxAgeMs()
                .ifPresent(ms -> notes.add(
                        datagrams
                                ? "{@code max_age_ms = " + ms + "}: the server drops a message that arrives more than "
                                        + ms + " ms later than the call's fastest one did."
                                : "{@code max_age_ms = " + ms
                                        + "}: the server drops a message whose stream is not complete " + ms
                                        + " ms after its first byte arrived."));
        if (datagrams) {
            notes.add("{@code delivery = datagram}: not a stream per message but one QUIC DATAGRAM frame each,"
                    + " never retransmitted, behind one stream that opens and ends the call; the call fails with"
                    + " FAILED_PRECONDITION when the server takes no datagrams, and a message too big for one"
                    + " datagram fails it with RESOURCE_EXHAUSTED.");
        }
        if (!notes.isEmpty()) {
            doc.add(Docs.PARAGRAPH + "$L\n", String.join(" ", notes));
        }
        return doc;
    }

    private static CodeBlock deadline(Rpc rpc, boolean withOptions) {
        CodeBlock.Builder doc = CodeBlock.builder().add(Docs.PARAGRAPH);
        rpc.modifiers()
                .deadlineMs()
                .ifPresentOrElse(
                        ms -> doc.add(
                                "Deadline: $L ms from the start of the call (the schema's {@code @deadline}). ", ms),
                        () -> doc.add("Deadline: none by default. "));
        if (withOptions) {
            doc.add("A timeout set with {@link $T#withTimeout(java.time.Duration)} replaces it. ", CallOptions.class);
        } else {
            doc.add(
                    "The overload taking {@link $T} sets one per call with"
                            + " {@link $T#withTimeout(java.time.Duration)}. ",
                    CallOptions.class,
                    CallOptions.class);
        }
        return doc.add(
                        "When it passes, the call fails with DEADLINE_EXCEEDED and its streams are reset and stopped with that"
                                + " code.\n")
                .build();
    }

    private static CodeBlock failures(Rpc rpc, String where) {
        CodeBlock.Builder doc = CodeBlock.builder()
                .add(
                        Docs.PARAGRAPH + "When the call fails, $L: a {@link $T} whose code says why (e.g."
                                + " DEADLINE_EXCEEDED, CANCELLED, or UNAVAILABLE when the connection is lost)",
                        where,
                        StatusException.class);
        if (rpc.errors().isEmpty()) {
            return doc.add(".\n").build();
        }
        return doc.add(
                        ", or the declared error $L, typed as the server's handler threw it. Declared errors are"
                                + " unchecked ({@link $T} is a {@code RuntimeException}) because they also arrive"
                                + " through iterators, futures and publishers, which cannot carry checked"
                                + " exceptions.\n",
                        errorLinks(rpc),
                        DeclaredError.class)
                .build();
    }

    /** {@code {@link A}, {@link B} or {@link C}}. */
    private static CodeBlock errorLinks(Rpc rpc) {
        List<CodeBlock> links = new ArrayList<>();
        for (ErrorRef error : rpc.errors()) {
            links.add(CodeBlock.of("{@link $T}", JavaTypes.className(error.javaName())));
        }
        if (links.size() == 1) {
            return links.get(0);
        }
        return CodeBlock.of(
                "$L or $L", CodeBlock.join(links.subList(0, links.size() - 1), ", "), links.get(links.size() - 1));
    }

    private static CodeBlock.Builder options(CodeBlock.Builder doc, boolean withOptions) {
        if (withOptions) {
            doc.add(
                    "@param options this call's timeout and metadata ({@link $T#DEFAULT} for none)\n",
                    CallOptions.class);
        }
        return doc;
    }
}
