package io.quicidl.examples.showcase;

import io.quicidl.runtime.WireEvent;
import io.quicidl.runtime.wire.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Says in one line what a call did on the wire, from the events both endpoints recorded: the
 * streams it opened and of which kind, which halves ended with FIN, and every RESET_STREAM,
 * STOP_SENDING and CONNECTION_CLOSE with its code, e.g. {@code 1 client bidi stream, FIN both ways}.
 * Control streams are left out: they belong to the connection, not to a call.
 */
final class WireSummary {
    private WireSummary() {}

    static String describe(List<WireEvent> events) {
        Set<Long> streams = callStreams(events);
        List<String> parts = new ArrayList<>();
        if (!streams.isEmpty()) {
            parts.add(streamKinds(streams));
            parts.add(fins(events, streams));
        }
        Map<String, Integer> aborts = new LinkedHashMap<>();
        for (WireEvent event : events) {
            String abort = abort(event, streams);
            if (abort != null) {
                aborts.merge(abort, 1, Integer::sum);
            }
        }
        aborts.forEach((abort, count) -> parts.add(abort + times(count)));
        parts.removeIf(String::isEmpty);
        return parts.isEmpty() ? "nothing on the wire" : String.join(", ", parts);
    }

    private static Set<Long> callStreams(List<WireEvent> events) {
        Set<Long> streams = new LinkedHashSet<>();
        for (WireEvent event : events) {
            if (event.type() == WireEvent.Type.STREAM_OPENED && !event.detail().contains("control")) {
                streams.add(event.streamId());
            }
        }
        return streams;
    }

    /** E.g. {@code 1 client bidi stream} or {@code 1 client bidi + 8 server uni streams}. */
    private static String streamKinds(Set<Long> streams) {
        Map<String, Integer> kinds = new LinkedHashMap<>();
        for (long id : streams) {
            kinds.merge(kind(id), 1, Integer::sum);
        }
        List<String> counted = new ArrayList<>();
        kinds.forEach((kind, count) -> counted.add(count + " " + kind));
        return String.join(" + ", counted) + (streams.size() == 1 ? " stream" : " streams");
    }

    /** FIN on every half the streams have ("both ways" for one bidi stream), else who sent how many. */
    private static String fins(List<WireEvent> events, Set<Long> streams) {
        int client = 0;
        int server = 0;
        for (WireEvent event : events) {
            if (event.type() == WireEvent.Type.FIN_SENT && streams.contains(event.streamId())) {
                if (event.endpoint().equals("client")) {
                    client++;
                } else {
                    server++;
                }
            }
        }
        int halves = streams.stream().mapToInt(id -> (id & 0x2) == 0 ? 2 : 1).sum();
        if (client + server == halves && halves > 1) {
            return streams.size() == 1 ? "FIN both ways" : "FIN on every stream";
        }
        List<String> fins = new ArrayList<>();
        if (client > 0) {
            fins.add("client FIN" + times(client));
        }
        if (server > 0) {
            fins.add("server FIN" + times(server));
        }
        return String.join(", ", fins);
    }

    private static String abort(WireEvent event, Set<Long> streams) {
        String frame = switch (event.type()) {
            case RESET_SENT -> "RESET_STREAM";
            case STOP_SENT -> "STOP_SENDING";
            case CLOSE_SENT -> "CONNECTION_CLOSE";
            default -> null;
        };
        if (frame == null || (event.type() != WireEvent.Type.CLOSE_SENT && !streams.contains(event.streamId()))) {
            return null;
        }
        return event.endpoint() + " " + frame + " " + ErrorCode.of(event.code()).name();
    }

    private static String kind(long streamId) {
        return ((streamId & 0x1) == 0 ? "client " : "server ") + ((streamId & 0x2) == 0 ? "bidi" : "uni");
    }

    private static String times(int count) {
        return count == 1 ? "" : " ×" + count;
    }
}
