package dev.httptunnel.lambda.service;

import dev.httptunnel.protocol.HeaderField;
import dev.httptunnel.protocol.HeaderList;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the public URL has a prefix the local service does not know about (path mode, named stage),
 * puts it in front of the paths the service hands out in {@code Location} and cookie {@code Path}.
 * Bodies are never touched: rewriting them corrupts compressed and binary content.
 */
final class PrefixRewriter {

    private static final Pattern COOKIE_PATH = Pattern.compile("(?i)(;\\s*path\\s*=\\s*)(/[^;]*)");

    private PrefixRewriter() {
    }

    static HeaderList rewrite(HeaderList headers, String prefix) {
        if (prefix.isEmpty()) {
            return headers;
        }
        List<HeaderField> out = new ArrayList<>(headers.size());
        for (HeaderField header : headers.entries()) {
            String value = header.value();
            if (header.hasName("location") || header.hasName("content-location")) {
                value = prefixPath(value, prefix);
            } else if (header.hasName("set-cookie")) {
                Matcher m = COOKIE_PATH.matcher(value);
                value = m.find() ? value.substring(0, m.start(2)) + prefixPath(m.group(2), prefix)
                        + value.substring(m.end(2)) : value;
            }
            out.add(new HeaderField(header.name(), value));
        }
        return new HeaderList(out);
    }

    /** Only server-absolute paths ({@code /x}) are rewritten; URLs and relative paths stay as they are. */
    private static String prefixPath(String value, String prefix) {
        if (value.startsWith("/") && !value.startsWith("//") && !value.equals(prefix)
                && !value.startsWith(prefix + "/")) {
            return prefix + value;
        }
        return value;
    }
}
