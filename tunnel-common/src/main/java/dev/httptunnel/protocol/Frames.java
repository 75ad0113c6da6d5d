package dev.httptunnel.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a text message into frame payloads of at most a given number of UTF-8 bytes, never inside a
 * character. API Gateway closes the socket (1009) on any frame over {@link ProtocolLimits#MAX_FRAME_BYTES},
 * so every sender of a larger message sends it in several frames.
 */
public final class Frames {

    private Frames() {
    }

    public static List<String> split(String text, int maxFrameBytes) {
        if (maxFrameBytes < 4) {
            throw new IllegalArgumentException("a frame must hold at least one character (4 bytes): " + maxFrameBytes);
        }
        if ((long) text.length() * 3 <= maxFrameBytes) {
            return List.of(text);
        }
        List<String> frames = new ArrayList<>();
        int start = 0;
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            int size = utf8Length(codePoint);
            if (bytes + size > maxFrameBytes) {
                frames.add(text.substring(start, i));
                start = i;
                bytes = 0;
            }
            bytes += size;
            i += Character.charCount(codePoint);
        }
        frames.add(text.substring(start));
        return frames;
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
