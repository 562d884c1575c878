package io.quicidl.examples.chat;

import io.quicidl.runtime.Client;
import io.quicidl.runtime.DuplexCall;
import io.quicidl.runtime.NotificationSink;
import io.quicidl.runtime.StatusException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One member of the room, on its own connection: a {@code converse} call whose responses a
 * reader thread collects, and a {@code presence} call that announces coming and going.
 * {@link #close()} leaves the room and closes the connection.
 */
final class ChatMember implements AutoCloseable {
    private final String name;
    private final Client client;
    private final NotificationSink<PresenceEvent> presence;
    private final DuplexCall<ChatMessage, ChatMessage> conversation;
    private final BlockingQueue<ChatMessage> received = new LinkedBlockingQueue<>();
    private final Thread reader;

    ChatMember(String name, Client client) {
        this.name = name;
        this.client = client;
        ChatRoomClient room = new ChatRoomClient(client);
        presence = room.presence();
        presence.send(event(Presence.ONLINE));
        conversation = room.converse();
        reader = new Thread(this::readConversation, "chat-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    String name() {
        return name;
    }

    void say(String text) {
        conversation.send(ChatMessage.newBuilder().author(name).text(text).build());
    }

    /** The next message the room sent this member, or {@code null} when none came within {@code timeout}. */
    ChatMessage nextMessage(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    void away() {
        presence.send(event(Presence.AWAY));
    }

    /** Leaves: ends the conversation, waits for the room to end it too, says goodbye and disconnects. */
    @Override
    public void close() {
        try {
            conversation.complete();
            reader.join(Duration.ofSeconds(5).toMillis());
            presence.send(event(Presence.OFFLINE));
            presence.complete();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            client.close();
        }
    }

    private void readConversation() {
        try {
            conversation.forEach(received::add);
        } catch (StatusException ended) {
            // The connection was lost or the room ended the call: no more messages will come.
        }
    }

    private PresenceEvent event(Presence state) {
        return PresenceEvent.newBuilder().member(name).presence(state).build();
    }
}
