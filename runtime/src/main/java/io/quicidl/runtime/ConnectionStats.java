package io.quicidl.runtime;

import java.time.Duration;

/**
 * A snapshot of one connection's counters and its path estimates, as measured by the QUIC stack.
 *
 * @param packetsSent QUIC packets sent
 * @param packetsReceived QUIC packets received
 * @param packetsLost packets declared lost
 * @param packetsRetransmitted packets retransmitted
 * @param bytesSent UDP payload bytes sent
 * @param bytesReceived UDP payload bytes received
 * @param bytesLost bytes declared lost
 * @param rtt smoothed round-trip time of the active path
 * @param congestionWindowBytes the active path's congestion window
 * @param deliveryRateBytesPerSecond the most recent delivery rate estimate
 * @param connectionNumber the endpoint's number for the connection, as its log lines and wire tap
 *     events name it: stable for the connection's life, so per-connection metrics can key on it
 * @param openStreams call streams in flight on the connection now, both directions (the control
 *     stream not counted)
 */
public record ConnectionStats(
        long packetsSent,
        long packetsReceived,
        long packetsLost,
        long packetsRetransmitted,
        long bytesSent,
        long bytesReceived,
        long bytesLost,
        Duration rtt,
        long congestionWindowBytes,
        long deliveryRateBytesPerSecond,
        long connectionNumber,
        int openStreams) {

    /** Share of sent packets declared lost, 0 when nothing was sent. */
    public double lossRate() {
        return packetsSent == 0 ? 0 : (double) packetsLost / packetsSent;
    }
}
