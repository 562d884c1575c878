package io.quicidl.examples.chat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatRoomTest {
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @Test
    void everyMemberReceivesEveryMessageInTheSameOrder() throws InterruptedException {
        try (LocalChat chat = new LocalChat()) {
            ChatMember alice = chat.join("alice");
            ChatMember bob = chat.join("bob");
            ChatExample.awaitMembers(chat.room(), 2);

            alice.say("hi bob");
            bob.say("hi alice");
            alice.say("how are you?");

            List<String> aliceSaw = read(alice, 3);
            assertEquals(aliceSaw, read(bob, 3));
            assertTrue(
                    aliceSaw.indexOf("alice: hi bob") < aliceSaw.indexOf("alice: how are you?"), aliceSaw.toString());
            assertTrue(aliceSaw.contains("bob: hi alice"), aliceSaw.toString());
            assertNull(alice.nextMessage(Duration.ofMillis(50)), "a message nobody sent");
            alice.close();
            bob.close();
        }
    }

    @Test
    void presenceEventsReachTheServer() throws InterruptedException {
        try (LocalChat chat = new LocalChat()) {
            ChatMember carol = chat.join("carol");
            ChatMember dave = chat.join("dave");
            awaitPresence(chat.room(), Map.of("carol", Presence.ONLINE, "dave", Presence.ONLINE));

            dave.away();
            awaitPresence(chat.room(), Map.of("carol", Presence.ONLINE, "dave", Presence.AWAY));

            carol.close();
            dave.close();
            assertEquals(
                    Map.of("carol", Presence.OFFLINE, "dave", Presence.OFFLINE),
                    chat.room().presence());
            assertEquals(0, chat.room().memberCount());
        }
    }

    @Test
    void theExampleConversationReachesEveryone() throws InterruptedException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (LocalChat chat = new LocalChat()) {
            ChatExample.run(chat, new PrintStream(printed, true, UTF_8));
        }
        String output = printed.toString(UTF_8);
        for (String member : List.of("alice", "bob", "carol")) {
            for (String author : List.of("alice", "bob", "carol")) {
                assertTrue(
                        output.contains(
                                member + " ".repeat(7 - member.length()) + "got " + author + ": hi, I am " + author),
                        output);
            }
        }
        assertTrue(output.contains("carol=OFFLINE"), output);
    }

    private static List<String> read(ChatMember member, int count) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ChatMessage message = member.nextMessage(PATIENCE);
            assertNotNull(message, member.name() + " got only " + lines);
            assertTrue(message.sentAtMillis() > 0, "the room stamps every message");
            lines.add(message.author() + ": " + message.text());
        }
        return lines;
    }

    private static void awaitPresence(Room room, Map<String, Presence> expected) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!room.presence().equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, room.presence());
    }
}
