package dev.httptunnel.local.cli;

import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.identity.SecretFile;
import dev.httptunnel.lambda.port.TokenRecord;
import dev.httptunnel.lambda.service.TokenAdmin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The token the gateway hands to the agent started with it ({@code make run}, {@code make demo}): kept in a
 * file only its owner can read, so nothing is copied by hand and the secret never reaches a command line.
 * The token in the file is kept across starts, and so is its tunnel's URL: a store that still knows it
 * (storage on a DynamoDB-compatible server outlives the gateway) goes on using it, and a fresh in-memory
 * store is given it again under the same name, which is derived from the secret. Only a revoked or
 * unreadable token is replaced by a new one.
 */
final class DevelopmentToken {

    /** Keeps the name apart from the hash the store keeps: knowing one tells nothing of the other. */
    private static final String NAME_DOMAIN = "http-tunnel development tunnel name\n";
    private static final int NAME_LENGTH = 12;

    private DevelopmentToken() {
    }

    static AgentToken ensure(TokenAdmin admin, Path file) throws IOException {
        Optional<AgentToken> kept = read(file);
        if (kept.isPresent()) {
            Optional<TokenRecord> record = admin.find(kept.get().secret());
            if (record.isEmpty()) {
                admin.register(kept.get(), nameFor(kept.get()));
                return kept.get();
            }
            if (!record.get().isRevoked()) {
                return kept.get();
            }
        }
        AgentToken created = AgentToken.generate(new SecureRandom());
        admin.register(created, nameFor(created));
        SecretFile.write(file, created.secret() + "\n");
        return created;
    }

    /** The token's default name, for the banner. */
    static String defaultName(TokenAdmin admin, AgentToken token) {
        return admin.find(token.secret()).map(TokenRecord::defaultName).orElseThrow();
    }

    /** Twelve hex digits of a hash of the secret: a valid tunnel name, the same on every start. */
    static String nameFor(AgentToken token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((NAME_DOMAIN + token.secret()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, NAME_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Optional<AgentToken> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        return AgentToken.problem(text) == null ? Optional.of(AgentToken.parse(text)) : Optional.empty();
    }
}
