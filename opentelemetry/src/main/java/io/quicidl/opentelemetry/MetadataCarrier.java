package io.quicidl.opentelemetry;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.quicidl.runtime.Metadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Call metadata as the carrier of the propagated trace context ({@code traceparent}, {@code tracestate}). */
final class MetadataCarrier {
    static final TextMapGetter<Metadata> GETTER = new TextMapGetter<>() {
        @Override
        public String get(Metadata metadata, String key) {
            return metadata == null ? null : metadata.get(key).orElse(null);
        }
    };

    private MetadataCarrier() {}

    /**
     * {@code metadata} with {@code fields} set to {@code values}: an entry the caller already had
     * under one of the propagator's keys is replaced, so a call never carries two trace contexts.
     */
    static Metadata with(Metadata metadata, Collection<String> fields, Map<String, String> values) {
        List<Metadata.Entry> entries = new ArrayList<>();
        for (Metadata.Entry entry : metadata.entries()) {
            if (!fields.contains(entry.key())) {
                entries.add(entry);
            }
        }
        values.forEach((key, value) -> entries.add(new Metadata.Entry(key, value.getBytes(StandardCharsets.UTF_8))));
        return Metadata.of(entries);
    }
}
