package io.quicidl.idl.model;

import java.util.OptionalLong;

/**
 * The modifier annotations of an rpc.
 *
 * @param idempotent {@code @idempotent}: safe to replay (0-RTT early data)
 * @param deadlineMs {@code @deadline(ms = N)}: default deadline of a call
 * @param maxMessageBytes {@code @max_message_bytes(N)}: largest message in either direction
 * @param realtimeMaxAgeMs {@code @realtime(max_age_ms = N)}: present exactly for the
 *     REALTIME pattern
 * @param realtimeDelivery {@code @realtime(delivery = …)}: STREAM unless the schema says
 *     {@code datagram}; STREAM for every other pattern
 */
public record RpcModifiers(
        boolean idempotent,
        OptionalLong deadlineMs,
        OptionalLong maxMessageBytes,
        OptionalLong realtimeMaxAgeMs,
        RealtimeDelivery realtimeDelivery) {}
