package dev.httptunnel.local.cli;

import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.identity.SecretFile;
import dev.httptunnel.lambda.port.TokenRecord;
import dev.httptunnel.lambda.service.TokenAdmin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The token the gateway hands to the agent started with it ({@code make run}, {@code make demo}): kept in a
 * file only its owner can read, so nothing is copied by hand and the secret never reaches a command line. A
 * token the store still knows (storage on a DynamoDB-compatible server outlives the gateway) is reused, so
 * its tunnel keeps its URL; otherwise a new one is created.
 */
final class DevelopmentToken {

    private DevelopmentToken() {
    }

    static AgentToken ensure(TokenAdmin admin, Path file) throws IOException {
        Optional<AgentToken> kept = read(file).filter(token -> admin.find(token.secret())
                .filter(record -> !record.isRevoked()).isPresent());
        if (kept.isPresent()) {
            return kept.get();
        }
        AgentToken created = admin.create(Optional.empty(), List.of()).token();
        SecretFile.write(file, created.secret() + "\n");
        return created;
    }

    /** The token's default name, for the banner. */
    static String defaultName(TokenAdmin admin, AgentToken token) {
        return admin.find(token.secret()).map(TokenRecord::defaultName).orElseThrow();
    }

    private static Optional<AgentToken> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        return AgentToken.problem(text) == null ? Optional.of(AgentToken.parse(text)) : Optional.empty();
    }
}
