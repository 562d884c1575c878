package io.quicidl.runtime.call;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.quicidl.runtime.MessageCodec;
import java.io.IOException;

/** The test message: one string field, {@code 1: string value}, as generated code would encode it. */
record Text(String value) {
    static final MessageCodec<Text> CODEC = new MessageCodec<>() {
        @Override
        public int encodedSize(Text text) {
            return text.value.isEmpty() ? 0 : CodedOutputStream.computeStringSize(1, text.value);
        }

        @Override
        public void encode(Text text, CodedOutputStream out) throws IOException {
            if (!text.value.isEmpty()) {
                out.writeString(1, text.value);
            }
        }

        @Override
        public Text decode(CodedInputStream in) throws IOException {
            String value = "";
            int tag;
            while ((tag = in.readTag()) != 0) {
                if (WireFormat.getTagFieldNumber(tag) == 1
                        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    value = in.readStringRequireUtf8();
                } else {
                    in.skipField(tag);
                }
            }
            return new Text(value);
        }
    };

    static Text of(String value) {
        return new Text(value);
    }

    static Text ofSize(int bytes) {
        return new Text("x".repeat(bytes));
    }
}
