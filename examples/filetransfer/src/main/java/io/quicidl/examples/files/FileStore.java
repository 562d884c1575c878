package io.quicidl.examples.files;

import com.google.protobuf.ByteString;
import io.quicidl.runtime.RequestStream;
import io.quicidl.runtime.ResponseSink;
import io.quicidl.runtime.ServerCallContext;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.UnorderedSink;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The file service: files kept in memory by name. Downloads go out as ordered chunks on one
 * stream; block fetches as numbered blocks, each on its own stream; uploads come in as chunks and
 * are answered with the size and SHA-256 of what was stored.
 */
final class FileStore implements FilesServer {
    /** Size of the chunks of a download. */
    static final int CHUNK_BYTES = 64 * 1024;
    /** Largest block a client may ask for: the method's message limit with room to spare. */
    static final int MAX_BLOCK_BYTES = 512 * 1024;

    private final Map<String, ByteString> files = new ConcurrentHashMap<>();

    @Override
    public void download(FileRequest request, ResponseSink<Chunk> responses, ServerCallContext context) {
        ByteString content = find(request.name());
        for (int offset = 0; offset < content.size(); offset += CHUNK_BYTES) {
            ByteString data = content.substring(offset, Math.min(content.size(), offset + CHUNK_BYTES));
            responses.send(Chunk.newBuilder()
                    .name(offset == 0 ? request.name() : "")
                    .data(data)
                    .build());
        }
    }

    @Override
    public void fetchBlocks(BlocksRequest request, UnorderedSink<Block> responses, ServerCallContext context) {
        int blockBytes = request.blockBytes();
        if (blockBytes <= 0 || blockBytes > MAX_BLOCK_BYTES) {
            throw new StatusException(
                    StatusCode.INVALID_ARGUMENT,
                    "block_bytes must be in 1.." + MAX_BLOCK_BYTES + ", was " + Integer.toUnsignedString(blockBytes));
        }
        ByteString content = find(request.name());
        for (int index = 0; (long) index * blockBytes < content.size(); index++) {
            int offset = index * blockBytes;
            ByteString data = content.substring(offset, Math.min(content.size(), offset + blockBytes));
            responses.send(index, Block.newBuilder().index(index).data(data).build());
        }
    }

    @Override
    public Receipt upload(RequestStream<Chunk> requests, ServerCallContext context) {
        MessageDigest sha256 = sha256();
        ByteString content = ByteString.EMPTY;
        String name = null;
        for (Chunk chunk : requests) {
            if (name == null) {
                name = chunk.name();
            }
            content = content.concat(chunk.data());
            sha256.update(chunk.data().asReadOnlyByteBuffer());
        }
        if (name == null || name.isEmpty()) {
            throw new StatusException(StatusCode.INVALID_ARGUMENT, "the first chunk of an upload must name the file");
        }
        files.put(name, content);
        return Receipt.newBuilder()
                .name(name)
                .bytes(content.size())
                .sha256(HexFormat.of().formatHex(sha256.digest()))
                .build();
    }

    private ByteString find(String name) {
        ByteString content = files.get(name);
        if (content == null) {
            throw new NoSuchFile(name);
        }
        return content;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
