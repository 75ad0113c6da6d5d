package dev.httptunnel.protocol;

/** Request ids are opaque to the agent but bounded, so a hostile one cannot bloat a key or a log line. */
final class RequestIds {

    static final int MAX_LENGTH = 64;

    private RequestIds() {
    }

    /** A copy of {@code ids}, each a valid request id, refused when longer than {@code max}. */
    static java.util.List<String> requireList(java.util.List<String> ids, int max) {
        if (ids.size() > max) {
            throw new IllegalArgumentException("at most " + max + " request ids: " + ids.size());
        }
        ids.forEach(RequestIds::require);
        return java.util.List.copyOf(ids);
    }

    static void require(String requestId) {
        if (requestId == null || requestId.isEmpty()) {
            throw new IllegalArgumentException("requestId must not be empty");
        }
        if (requestId.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("requestId exceeds " + MAX_LENGTH + " characters: "
                    + requestId.length());
        }
        for (int i = 0; i < requestId.length(); i++) {
            char c = requestId.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!allowed) {
                throw new IllegalArgumentException("requestId may hold only letters, digits, '-' and '_': '"
                        + requestId + "'");
            }
        }
    }
}
