/**
 * The call layer: one state machine per interaction pattern and direction (SPEC.md §5), on top of
 * the transport SPI in {@code io.quicidl.runtime.transport}. It knows nothing of Netty channels.
 *
 * <p>How it is cut:
 * <ul>
 *   <li>One lifecycle: {@link io.quicidl.runtime.call.CallLifecycle} is every call's finish-once,
 *       deadline timer, lock, waiters and stream release, on both sides and for every pattern;
 *       {@code Abort} names how a finishing call treats the halves still open (reset, stop, both,
 *       none). The state machines below keep only their pattern's rules.
 *   <li>Client side: {@link io.quicidl.runtime.call.BidiClientCall} owns a client bidi stream
 *       (request half out, response half in) and is specialised by {@code UnaryClientCall},
 *       {@code ServerStreamingClientCall}, {@code ClientStreamingClientCall},
 *       {@code DuplexClientCall} and {@code UnorderedClientCall} (control stream; its response
 *       streams in {@code UnorderedResponses}); {@code NotificationsClientCall} and
 *       {@code RealtimeClientCall} drive uni streams.
 *   <li>Server side: {@link io.quicidl.runtime.call.Router} takes each call stream from the
 *       transport and starts {@code UnaryServerCall}, {@code ServerStreamingServerCall},
 *       {@code ClientStreamingServerCall}, {@code DuplexServerCall} or
 *       {@code UnorderedServerCall} (all on {@code BidiServerCall}),
 *       {@code NotificationsServerCall}, or a {@code RealtimeServerCall} found through
 *       {@code RealtimeCalls}.
 *   <li>Shared parts: {@code CallStream} (every write, finish, reset, stop and release of a
 *       stream), {@code InboundBuffer} (bounded, read-on-demand), {@code Deadline},
 *       {@code Codes} (error codes to statuses), {@code Statuses} (STATUS frames, declared
 *       errors), {@code Messages} (payload codecs and size limits).
 *   <li>Flow adapters for the asynchronous client helpers: {@code ResponsePublisher} (a blocking
 *       response stream as a publisher, by demand) and {@code RequestPump} (a publisher of
 *       requests into a blocking sink, through a bounded buffer).
 * </ul>
 *
 * <p>Threads: transport callbacks and timers run on the connection's event loop and never block;
 * user calls and handlers block on their own threads (the handler executor on the server).
 * Each call guards its state with its lifecycle's lock; port calls under it never block. The
 * {@code @unordered} client's response streams have a second lifecycle, locked after the first.
 */
package io.quicidl.runtime.call;
