package io.quicidl.runtime.transport;

import io.netty.handler.codec.quic.QuicChannel;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import javax.net.ssl.SSLEngine;

/**
 * Whether a connection's TLS handshake resumed a session. Netty knows (BoringSSL's
 * {@code SSL_session_reused}) but keeps the answer package-private in its QUIC engine, so it is
 * read reflectively; when that is not possible the answer is {@code false}. Stateless: asked on
 * the connection's event loop when its handshake completes ({@link ConnectionHandshake}).
 */
final class SessionReuse {
    private static final System.Logger LOG = System.getLogger(SessionReuse.class.getName());
    private static final Method IS_SESSION_REUSED = find();

    private SessionReuse() {}

    /** Whether the handshake of {@code channel}, once complete, resumed a session. */
    static boolean of(QuicChannel channel) {
        SSLEngine engine = channel.sslEngine();
        if (IS_SESSION_REUSED == null
                || engine == null
                || !IS_SESSION_REUSED.getDeclaringClass().isInstance(engine)) {
            return false;
        }
        try {
            return (Boolean) IS_SESSION_REUSED.invoke(engine);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.DEBUG, "cannot tell whether the TLS session was resumed", e);
            return false;
        }
    }

    private static Method find() {
        try {
            Method method = Class.forName("io.netty.handler.codec.quic.QuicheQuicSslEngine")
                    .getDeclaredMethod("isSessionReused");
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Netty's QUIC engine does not tell whether a session was resumed", e);
            return null;
        }
    }
}
