package io.quicidl.runtime.wire;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import io.quicidl.runtime.MessageCodec;
import java.io.IOException;

/**
 * Hand-written codec of SPEC.md §11's example message, {@code message Note { string text = 1; }},
 * as generated code would write it (SPEC.md §8).
 */
final class NoteCodec implements MessageCodec<String> {
    static final NoteCodec INSTANCE = new NoteCodec();

    @Override
    public int encodedSize(String text) {
        return text.isEmpty() ? 0 : CodedOutputStream.computeStringSize(1, text);
    }

    @Override
    public void encode(String text, CodedOutputStream out) throws IOException {
        if (!text.isEmpty()) {
            out.writeString(1, text);
        }
    }

    @Override
    public String decode(CodedInputStream in) throws IOException {
        String text = "";
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (tag == 0x0a) {
                text = in.readStringRequireUtf8();
            } else {
                in.skipField(tag);
            }
        }
        return text;
    }
}
