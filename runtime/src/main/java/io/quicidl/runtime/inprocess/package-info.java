/**
 * The in-process transport's insides: a client and a server {@code CallConnection} in one JVM
 * whose streams carry real encoded frames through the real frame decoder, with QUIC's stream
 * credit, flow control, FIN, RESET_STREAM and STOP_SENDING. Internal to the runtime: users reach
 * it through {@code InProcessServer} and {@code InProcessChannel}; the runtime's own tests turn
 * its knobs ({@link io.quicidl.runtime.inprocess.LinkSettings}).
 */
package io.quicidl.runtime.inprocess;
