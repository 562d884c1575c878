package io.quicidl.runtime;

import java.util.Objects;

/**
 * How a connection's QUIC stack paces what it sends: the congestion controller, the window it
 * starts with and whether slow start exits early (HyStart++, RFC 9406). Set per endpoint with
 * {@code Server.Builder.congestionControl} or {@code Client.Builder.congestionControl}; each side
 * controls only what it sends, so a server that streams large responses gains from setting it
 * on the server.
 *
 * <p>{@link #defaults()} is CUBIC with 10 packets and HyStart++ on, quiche's own defaults: a
 * loss-based controller that shares a path fairly with TCP traffic. BBR keeps its window through
 * random loss, which suits long, lossy paths (mobile, intercontinental) and keeps more responses
 * in flight there; it competes harder with other traffic on a shared bottleneck. Pacing is always
 * on (quiche paces every controller); Netty 4.2.18 exposes no setting for it.
 *
 * @param algorithm the congestion controller
 * @param initialWindowPackets the congestion window at connection start, in full-size packets
 * @param hystart whether slow start may end before the first loss when RTTs start rising
 */
public record CongestionControl(Algorithm algorithm, int initialWindowPackets, boolean hystart) {
    /** The most packets {@link #initialWindowPackets} may name: far above any sane start. */
    public static final int MAX_INITIAL_WINDOW_PACKETS = 1_000;

    /** The congestion controllers quiche offers through Netty. */
    public enum Algorithm {
        /** RFC 9438: loss-based, the Linux TCP default; quiche's default. */
        CUBIC,
        /** RFC 9002's NewReno: loss-based, the most conservative. */
        RENO,
        /** Model-based (bottleneck bandwidth and RTT): random loss does not shrink its window. */
        BBR
    }

    /**
     * @throws NullPointerException if {@code algorithm} is null
     * @throws IllegalArgumentException if {@code initialWindowPackets} is not between 1 and
     *     {@link #MAX_INITIAL_WINDOW_PACKETS}
     */
    public CongestionControl {
        Objects.requireNonNull(algorithm, "algorithm");
        if (initialWindowPackets < 1 || initialWindowPackets > MAX_INITIAL_WINDOW_PACKETS) {
            throw new IllegalArgumentException("congestion control: initialWindowPackets must be between 1 and "
                    + MAX_INITIAL_WINDOW_PACKETS + ", got " + initialWindowPackets);
        }
    }

    /** CUBIC, a 10-packet initial window, HyStart++ on. */
    public static CongestionControl defaults() {
        return new CongestionControl(Algorithm.CUBIC, 10, true);
    }

    /** {@code algorithm} with the default initial window and HyStart++. */
    public static CongestionControl of(Algorithm algorithm) {
        return defaults().withAlgorithm(algorithm);
    }

    public CongestionControl withAlgorithm(Algorithm value) {
        return new CongestionControl(value, initialWindowPackets, hystart);
    }

    public CongestionControl withInitialWindowPackets(int value) {
        return new CongestionControl(algorithm, value, hystart);
    }

    public CongestionControl withHystart(boolean value) {
        return new CongestionControl(algorithm, initialWindowPackets, value);
    }
}
