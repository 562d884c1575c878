package io.quicidl.examples.showcase;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@code dumpcap} recording of the UDP traffic of one port on the loopback interface, to a
 * pcapng file. {@link #start} returns once dumpcap captures; {@link #stop} returns once every
 * packet sent before it is in the file.
 */
final class LoopbackCapture implements AutoCloseable {
    private static final long WAIT_SECONDS = 30;
    private static final String END_MARK = "quicidl-capture-end";

    private final Process dumpcap;
    private final Path file;
    private final int port;
    private final StringBuffer messages;

    private LoopbackCapture(Process dumpcap, Path file, int port, StringBuffer messages) {
        this.dumpcap = dumpcap;
        this.file = file;
        this.port = port;
        this.messages = messages;
    }

    /** Starts {@code dumpcap} on {@code lo} for UDP port {@code port}, writing {@code file}. */
    static LoopbackCapture start(Path dumpcap, int port, Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        dumpcap.toString(), "-i", "lo", "-f", "udp port " + port, "-w", file.toString())
                .start();
        StringBuffer messages = new StringBuffer();
        CountDownLatch capturing = new CountDownLatch(1);
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader lines =
                            new BufferedReader(new InputStreamReader(process.getErrorStream(), UTF_8))) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            messages.append(line).append('\n');
                            if (line.startsWith("Capturing on")) {
                                capturing.countDown();
                            }
                        }
                    } catch (IOException e) {
                        messages.append(e).append('\n');
                    }
                },
                "dumpcap-messages");
        reader.setDaemon(true);
        reader.start();
        LoopbackCapture capture = new LoopbackCapture(process, file, port, messages);
        boolean started = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!started && process.isAlive() && System.nanoTime() < deadline) {
            started = capturing.await(100, TimeUnit.MILLISECONDS);
        }
        if (!started) {
            capture.close();
            throw new AssertionError("dumpcap could not capture on the loopback interface lo "
                    + "(it needs root or the CAP_NET_RAW capability):\n" + messages);
        }
        return capture;
    }

    /**
     * Sends a marker datagram to the port until dumpcap has written it to the file (so everything
     * before it is there too, loopback keeps the order), then stops dumpcap.
     */
    void stop() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        try (DatagramSocket socket = new DatagramSocket()) {
            byte[] markBytes = END_MARK.getBytes(ISO_8859_1);
            DatagramPacket mark =
                    new DatagramPacket(markBytes, markBytes.length, InetAddress.getLoopbackAddress(), port);
            // pcapng keeps packet bytes as they are, so the mark shows up in the file's bytes.
            while (!new String(Files.readAllBytes(file), ISO_8859_1).contains(END_MARK)) {
                if (!dumpcap.isAlive()) {
                    throw new AssertionError("dumpcap exited with " + dumpcap.exitValue()
                            + " before the end of the capture:\n" + messages);
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("dumpcap did not record the end mark in " + file + ":\n" + messages);
                }
                socket.send(mark);
                Thread.sleep(100);
            }
        }
        close();
    }

    /** Stops dumpcap (it finishes the file on SIGTERM) and waits for it to exit. */
    @Override
    public void close() {
        dumpcap.destroy();
        try {
            if (!dumpcap.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                dumpcap.destroyForcibly();
            }
        } catch (InterruptedException e) {
            dumpcap.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A free UDP port on loopback at the time of the call. */
    static int freePort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
