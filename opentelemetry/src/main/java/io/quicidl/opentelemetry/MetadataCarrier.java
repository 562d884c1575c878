package io.quicidl.opentelemetry;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.quicidl.runtime.Metadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Call metadata as the carrier of the propagated trace context ({@code traceparent},
 * {@code tracestate}). Metadata keys are lower case, so a propagator's keys are lower-cased both
 * ways (B3's {@code X-B3-TraceId} travels as {@code x-b3-traceid}).
 */
final class MetadataCarrier {
    static final TextMapGetter<Metadata> GETTER = new TextMapGetter<>() {
        @Override
        public String get(Metadata metadata, String key) {
            return metadata == null
                    ? null
                    : metadata.get(key.toLowerCase(Locale.ROOT)).orElse(null);
        }
    };

    private MetadataCarrier() {}

    /**
     * {@code metadata} with {@code fields} set to {@code values}: an entry the caller already had
     * under one of the propagator's keys is replaced, so a call never carries two trace contexts.
     */
    static Metadata with(Metadata metadata, Collection<String> fields, Map<String, String> values) {
        Set<String> replaced = new HashSet<>();
        fields.forEach(field -> replaced.add(field.toLowerCase(Locale.ROOT)));
        List<Metadata.Entry> entries = new ArrayList<>();
        for (Metadata.Entry entry : metadata.entries()) {
            if (!replaced.contains(entry.key())) {
                entries.add(entry);
            }
        }
        values.forEach((key, value) ->
                entries.add(new Metadata.Entry(key.toLowerCase(Locale.ROOT), value.getBytes(StandardCharsets.UTF_8))));
        return Metadata.of(entries);
    }
}
