package io.quicidl.runtime.call;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import io.quicidl.runtime.DeclaredError;
import io.quicidl.runtime.ErrorType;
import io.quicidl.runtime.MessageCodec;
import java.io.IOException;

/** A declared error as generated code would write it: {@code error NotFound { string room = 1; }}. */
final class NotFound extends DeclaredError {
    private static final long serialVersionUID = 1L;

    static final MessageCodec<NotFound> CODEC = new MessageCodec<>() {
        @Override
        public int encodedSize(NotFound error) {
            return Text.CODEC.encodedSize(new Text(error.room));
        }

        @Override
        public void encode(NotFound error, CodedOutputStream out) throws IOException {
            Text.CODEC.encode(new Text(error.room), out);
        }

        @Override
        public NotFound decode(CodedInputStream in) throws IOException {
            return new NotFound(Text.CODEC.decode(in).value());
        }
    };

    static final ErrorType<NotFound> TYPE = ErrorType.of("test.NotFound", NotFound.class, CODEC);

    private final String room;

    NotFound(String room) {
        super("room " + room + " not found");
        this.room = room;
    }

    String room() {
        return room;
    }

    @Override
    public ErrorType<?> errorType() {
        return TYPE;
    }
}
