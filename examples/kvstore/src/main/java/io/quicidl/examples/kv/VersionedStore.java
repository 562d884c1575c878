package io.quicidl.examples.kv;

import io.quicidl.runtime.ServerCallContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key-value service: an in-memory map whose entries carry a version, incremented on every
 * write, so that a client can write "only over the version I read" and learn when it lost a race.
 * Thread-safe: handlers of concurrent calls share it.
 */
final class VersionedStore implements KeyValueServer {
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public Entry get(GetRequest request, ServerCallContext context) {
        Entry entry = entries.get(request.key());
        if (entry == null) {
            throw new KeyNotFound(request.key());
        }
        return entry;
    }

    @Override
    public Entry put(PutRequest request, ServerCallContext context) {
        return entries.compute(request.key(), (key, stored) -> {
            long version = stored == null ? 0 : stored.version();
            if (request.expectedVersion().isPresent()
                    && request.expectedVersion().get() != version) {
                throw new VersionConflict(key, request.expectedVersion().get(), version);
            }
            return Entry.newBuilder()
                    .key(key)
                    .value(request.value())
                    .version(version + 1)
                    .build();
        });
    }

    @Override
    public Deleted delete(DeleteRequest request, ServerCallContext context) {
        return Deleted.newBuilder()
                .existed(entries.remove(request.key()) != null)
                .build();
    }
}
