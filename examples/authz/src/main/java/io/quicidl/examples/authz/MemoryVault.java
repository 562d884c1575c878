package io.quicidl.examples.authz;

import io.quicidl.runtime.ServerCallContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The vault's handlers: secrets in memory, each stamped with the CN {@link PeerAuthorization} found. */
public final class MemoryVault implements VaultServer {
    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();

    @Override
    public Secret read(ReadRequest request, ServerCallContext context) throws NoSuchSecret {
        Secret secret = secrets.get(request.name());
        if (secret == null) {
            throw new NoSuchSecret(request.name());
        }
        return secret;
    }

    @Override
    public Written write(WriteRequest request, ServerCallContext context) {
        String writer =
                context.requestMetadata().get(PeerAuthorization.PEER_KEY).orElseThrow();
        secrets.put(
                request.name(),
                Secret.newBuilder()
                        .name(request.name())
                        .value(request.value())
                        .writtenBy(writer)
                        .build());
        return Written.newBuilder().writes(writes.incrementAndGet()).build();
    }

    /** How many writes ran: a refused call never reaches {@link #write}. */
    public long writes() {
        return writes.get();
    }
}
