package io.quicidl.examples.chat;

import io.quicidl.runtime.RequestStream;
import io.quicidl.runtime.ResponseSink;
import io.quicidl.runtime.ServerCallContext;
import io.quicidl.runtime.StatusException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chat room on the server. Each member holds one {@code converse} call; every message a
 * member sends is stamped and sent to every member, the sender included. Messages go out one at
 * a time under the room's lock, so all members see the same order (and a member that reads
 * slowly slows the room down: QUIC flow control reaches back to the senders). Presence events
 * from the {@code presence} calls are kept per member.
 */
final class Room implements ChatRoomServer {
    private final List<ResponseSink<ChatMessage>> members = new ArrayList<>();
    private final Map<String, Presence> presence = new ConcurrentHashMap<>();

    @Override
    public void converse(
            RequestStream<ChatMessage> requests, ResponseSink<ChatMessage> responses, ServerCallContext context) {
        synchronized (this) {
            members.add(responses);
        }
        try {
            for (ChatMessage message : requests) {
                broadcast(message.toBuilder()
                        .sentAtMillis(System.currentTimeMillis())
                        .build());
            }
        } finally {
            synchronized (this) {
                members.remove(responses);
            }
        }
    }

    @Override
    public void presence(RequestStream<PresenceEvent> requests, ServerCallContext context) {
        for (PresenceEvent event : requests) {
            presence.put(event.member(), event.presence());
        }
    }

    /** How many members are in the room now. */
    synchronized int memberCount() {
        return members.size();
    }

    /** The last presence each member announced. */
    Map<String, Presence> presence() {
        return Map.copyOf(presence);
    }

    private synchronized void broadcast(ChatMessage message) {
        for (ResponseSink<ChatMessage> member : List.copyOf(members)) {
            try {
                member.send(message);
            } catch (StatusException gone) {
                // That member's call ended meanwhile (it left or its connection broke).
                members.remove(member);
            }
        }
    }
}
