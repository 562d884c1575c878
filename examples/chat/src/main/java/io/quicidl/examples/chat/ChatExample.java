package io.quicidl.examples.chat;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * Three members join a room, each on its own connection, say one line each, and leave; each
 * prints what the room sent it, and the server prints the presence it was told.
 */
public final class ChatExample {
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private ChatExample() {}

    public static void main(String[] args) throws InterruptedException {
        try (LocalChat chat = new LocalChat()) {
            run(chat, System.out);
        }
    }

    static void run(LocalChat chat, PrintStream out) throws InterruptedException {
        List<ChatMember> members = List.of(chat.join("alice"), chat.join("bob"), chat.join("carol"));
        awaitMembers(chat.room(), members.size());
        for (ChatMember member : members) {
            member.say("hi, I am " + member.name());
        }
        for (ChatMember member : members) {
            for (int i = 0; i < members.size(); i++) {
                ChatMessage message = member.nextMessage(PATIENCE);
                out.printf(
                        "%-6s got %s%n",
                        member.name(), message == null ? "nothing" : message.author() + ": " + message.text());
            }
        }
        members.forEach(ChatMember::close);
        out.println("presence on the server: " + chat.room().presence());
    }

    /** Members get the messages sent after their call reached the room; wait until all have. */
    static void awaitMembers(Room room, int count) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (room.memberCount() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
