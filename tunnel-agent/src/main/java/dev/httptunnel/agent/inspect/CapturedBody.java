package dev.httptunnel.agent.inspect;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Objects;

/**
 * A body as the inspector keeps it: its first bytes, up to the body cap, and the size it really had, so a
 * cut body says where it was cut.
 *
 * @param bytes the bytes kept (base64 in JSON)
 * @param size the body's whole size; larger than {@code bytes.length} when the body was cut
 */
public record CapturedBody(byte[] bytes, long size) {

    public static final CapturedBody NONE = new CapturedBody(new byte[0], 0);

    public CapturedBody {
        bytes = bytes == null ? new byte[0] : bytes;
        if (size < bytes.length) {
            throw new IllegalArgumentException("a body's size cannot be below its kept bytes: " + size + " < "
                    + bytes.length);
        }
    }

    /** The first {@code cap} bytes of {@code whole}. */
    public static CapturedBody of(byte[] whole, int cap) {
        return new CapturedBody(whole.length <= cap ? whole : Arrays.copyOf(whole, cap), whole.length);
    }

    /** Whether only the first bytes were kept. */
    @JsonProperty("truncated")
    public boolean truncated() {
        return bytes.length < size;
    }

    /** How it is marked where it was cut, for people. */
    public String cutMark() {
        return "cut at " + bytes.length + " of " + size + " bytes";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CapturedBody that && size == that.size && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(size, Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "CapturedBody[" + bytes.length + " of " + size + " bytes]";
    }
}
