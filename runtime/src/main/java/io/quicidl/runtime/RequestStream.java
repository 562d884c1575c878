package io.quicidl.runtime;

/**
 * The requests of a call as a server handler reads them, in order, with a blocking iterator.
 * Messages are read from the network on demand into a small bounded buffer, so a slow handler
 * slows the client down through QUIC flow control. {@code hasNext()} throws
 * {@link StatusException} when the call is cancelled, its deadline passes or the client broke
 * the protocol. The iterator may be obtained once, and only on the handler's thread (or one
 * thread at a time).
 */
public interface RequestStream<T> extends Iterable<T> {}
