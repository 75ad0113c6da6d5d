package dev.httptunnel.local.websocket;

import java.util.ArrayList;
import java.util.List;

/** Splits a text message into pieces whose UTF-8 form fits one frame, never inside a character. */
final class FrameChunks {

    private FrameChunks() {
    }

    static List<String> split(String text, int maxFrameBytes) {
        List<String> chunks = new ArrayList<>();
        int start = 0;
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            int width = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + width > maxFrameBytes) {
                chunks.add(text.substring(start, i));
                start = i;
                bytes = 0;
            }
            bytes += width;
            i += Character.charCount(codePoint);
        }
        chunks.add(text.substring(start));
        return chunks;
    }
}
