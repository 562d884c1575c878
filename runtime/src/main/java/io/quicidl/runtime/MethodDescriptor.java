package io.quicidl.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the runtime needs to know about one service method, shared by client and server.
 * Generated code creates one constant per method with {@link #builder}. Immutable.
 *
 * @param <Req> the request message type
 * @param <Resp> the response message type ({@link Void} for {@code @notifications} and
 *     {@code @realtime}, which have no response)
 */
public final class MethodDescriptor<Req, Resp> {
    private final String fullName;
    private final Pattern pattern;
    private final MessageCodec<Req> requestCodec;
    private final MessageCodec<Resp> responseCodec;
    private final boolean idempotent;
    private final Duration defaultDeadline;
    private final int maxMessageBytes;
    private final Duration realtimeMaxAge;
    private final RealtimeDelivery realtimeDelivery;
    private final List<ErrorType<?>> errorTypes;

    private MethodDescriptor(Builder<Req, Resp> b) {
        this.fullName = b.fullName;
        this.pattern = b.pattern;
        this.requestCodec = Objects.requireNonNull(b.requestCodec, "request codec");
        this.responseCodec = b.responseCodec;
        this.idempotent = b.idempotent;
        this.defaultDeadline = b.defaultDeadline;
        this.maxMessageBytes = b.maxMessageBytes;
        this.realtimeMaxAge = b.realtimeMaxAge;
        this.realtimeDelivery = b.realtimeDelivery;
        this.errorTypes = List.copyOf(b.errorTypes);
        if (pattern.hasResponse() != (responseCodec != null)) {
            throw new IllegalArgumentException(fullName + ": a " + pattern + " method "
                    + (pattern.hasResponse() ? "needs" : "has no") + " response codec");
        }
        if (realtimeMaxAge != null && pattern != Pattern.REALTIME) {
            throw new IllegalArgumentException(fullName + ": only @realtime methods have a max age");
        }
        if (realtimeDelivery == RealtimeDelivery.DATAGRAM && (pattern != Pattern.REALTIME || realtimeMaxAge == null)) {
            throw new IllegalArgumentException(
                    fullName + ": datagram delivery needs a @realtime method with a max age");
        }
    }

    /**
     * Starts a descriptor.
     *
     * @param fullName {@code /package.Service/method} as in the CALL frame (SPEC.md §3)
     */
    public static <Req, Resp> Builder<Req, Resp> builder(String fullName, Pattern pattern) {
        return new Builder<>(fullName, pattern);
    }

    /** {@code /package.Service/method}. */
    public String fullName() {
        return fullName;
    }

    /** {@code package.Service}, the part of the full name between the slashes. */
    public String serviceName() {
        return fullName.substring(1, fullName.lastIndexOf('/'));
    }

    public Pattern pattern() {
        return pattern;
    }

    public MessageCodec<Req> requestCodec() {
        return requestCodec;
    }

    /** The response codec; {@code null} for methods without a response. */
    public MessageCodec<Resp> responseCodec() {
        return responseCodec;
    }

    /** Whether the method is {@code @idempotent} (may run on 0-RTT data, SPEC.md §9). */
    public boolean idempotent() {
        return idempotent;
    }

    /** The {@code @deadline} of the schema, used when {@link CallOptions} sets no timeout. */
    public Optional<Duration> defaultDeadline() {
        return Optional.ofNullable(defaultDeadline);
    }

    /** The method's {@code @max_message_bytes}; 0 means the connection's limit. */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** {@code @realtime(max_age_ms)}: how long an incomplete message stream may take; empty for none. */
    public Optional<Duration> realtimeMaxAge() {
        return Optional.ofNullable(realtimeMaxAge);
    }

    /** {@code @realtime(delivery)}: streams or QUIC DATAGRAM frames; STREAM for every other pattern. */
    public RealtimeDelivery realtimeDelivery() {
        return realtimeDelivery;
    }

    /** The declared errors the method {@code throws}. */
    public List<ErrorType<?>> errorTypes() {
        return errorTypes;
    }

    @Override
    public String toString() {
        return fullName + " (" + pattern + ")";
    }

    /** Builds a {@link MethodDescriptor}. Not thread-safe. */
    public static final class Builder<Req, Resp> {
        private final String fullName;
        private final Pattern pattern;
        private MessageCodec<Req> requestCodec;
        private MessageCodec<Resp> responseCodec;
        private boolean idempotent;
        private Duration defaultDeadline;
        private int maxMessageBytes;
        private Duration realtimeMaxAge;
        private RealtimeDelivery realtimeDelivery = RealtimeDelivery.STREAM;
        private final List<ErrorType<?>> errorTypes = new ArrayList<>();

        private Builder(String fullName, Pattern pattern) {
            if (!fullName.startsWith("/") || fullName.lastIndexOf('/') <= 1 || fullName.endsWith("/")) {
                throw new IllegalArgumentException("method name must be /package.Service/method: " + fullName);
            }
            this.fullName = fullName;
            this.pattern = Objects.requireNonNull(pattern);
        }

        public Builder<Req, Resp> requestCodec(MessageCodec<Req> codec) {
            this.requestCodec = codec;
            return this;
        }

        /** Required exactly for patterns with a response ({@link Pattern#hasResponse()}). */
        public Builder<Req, Resp> responseCodec(MessageCodec<Resp> codec) {
            this.responseCodec = codec;
            return this;
        }

        public Builder<Req, Resp> idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        public Builder<Req, Resp> defaultDeadline(Duration deadline) {
            this.defaultDeadline = deadline;
            return this;
        }

        /** The method's message size limit in bytes; 0 (the default) means the connection's. */
        public Builder<Req, Resp> maxMessageBytes(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("max message bytes must not be negative");
            }
            this.maxMessageBytes = bytes;
            return this;
        }

        public Builder<Req, Resp> realtimeMaxAge(Duration maxAge) {
            this.realtimeMaxAge = maxAge;
            return this;
        }

        /** {@code @realtime(delivery = datagram)}; needs {@link #realtimeMaxAge}. */
        public Builder<Req, Resp> realtimeDelivery(RealtimeDelivery delivery) {
            this.realtimeDelivery = Objects.requireNonNull(delivery, "delivery");
            return this;
        }

        /** Adds a declared error type the method may throw. */
        public Builder<Req, Resp> addErrorType(ErrorType<?> errorType) {
            errorTypes.add(errorType);
            return this;
        }

        public MethodDescriptor<Req, Resp> build() {
            return new MethodDescriptor<>(this);
        }
    }
}
