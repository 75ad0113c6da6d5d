package dev.httptunnel.admin;

import dev.httptunnel.lambda.port.TokenRecord;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The token listing: one line per token, columns as wide as their widest value. */
final class TokenTable {

    static final List<String> HEADINGS = List.of("TOKEN", "DEFAULT NAME", "GRANTS", "NAMES HELD", "CREATED",
            "LAST USED", "STATUS");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    private TokenTable() {
    }

    static void print(List<TokenRecord> tokens, PrintWriter out) {
        if (tokens.isEmpty()) {
            out.println("No tokens yet: tunnel-admin token create");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (TokenRecord token : tokens) {
            rows.add(List.of(token.displayPrefix(), token.defaultName(),
                    token.grants().isEmpty() ? "-" : String.join(",", token.grants().stream().map(Object::toString).toList()),
                    String.join(",", token.names()), TIME.format(token.createdAt()), time(token.lastUsedAt()),
                    token.revokedAt().map(at -> "revoked " + TIME.format(at)).orElse("active")));
        }
        int[] widths = new int[HEADINGS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            var line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String time(Optional<Instant> at) {
        return at.map(TIME::format).orElse("never");
    }
}
