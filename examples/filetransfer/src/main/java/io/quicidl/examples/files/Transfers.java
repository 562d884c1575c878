package io.quicidl.examples.files;

import com.google.protobuf.ByteString;
import io.quicidl.runtime.ClientStreamCall;
import io.quicidl.runtime.Indexed;
import io.quicidl.runtime.ResponseStream;
import java.util.SortedMap;
import java.util.TreeMap;

/** The client side of the file service: whole files in, whole files out. */
final class Transfers {
    private final FilesClient files;

    Transfers(FilesClient files) {
        this.files = files;
    }

    /** Uploads {@code content} as {@code name} in chunks; the server answers with what it stored. */
    Receipt upload(String name, ByteString content) {
        ClientStreamCall<Chunk, Receipt> upload = files.upload();
        int offset = 0;
        do {
            ByteString data = content.substring(offset, Math.min(content.size(), offset + FileStore.CHUNK_BYTES));
            upload.send(
                    Chunk.newBuilder().name(offset == 0 ? name : "").data(data).build());
            offset += data.size();
        } while (offset < content.size());
        return upload.complete();
    }

    /** Downloads a file as one stream of ordered chunks. */
    ByteString download(String name) {
        ByteString content = ByteString.EMPTY;
        try (ResponseStream<Chunk> chunks =
                files.download(FileRequest.newBuilder().name(name).build())) {
            for (Chunk chunk : chunks) {
                content = content.concat(chunk.data());
            }
        }
        return content;
    }

    /**
     * Fetches a file as blocks of {@code blockBytes}, each on its own stream, and puts them back
     * together by index, whatever order they arrived in.
     */
    ByteString fetch(String name, int blockBytes) {
        SortedMap<Long, ByteString> blocks = new TreeMap<>();
        BlocksRequest request =
                BlocksRequest.newBuilder().name(name).blockBytes(blockBytes).build();
        try (ResponseStream<Indexed<Block>> arriving = files.fetchBlocks(request)) {
            for (Indexed<Block> block : arriving) {
                blocks.put(block.index(), block.value().data());
            }
        }
        if (!blocks.isEmpty() && blocks.lastKey() != blocks.size() - 1) {
            throw new IllegalStateException("blocks missing: got " + blocks.keySet());
        }
        return ByteString.copyFrom(blocks.values());
    }
}
