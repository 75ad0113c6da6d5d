package dev.httptunnel.lambda.service;

import dev.httptunnel.identity.ConnectRefusal;
import dev.httptunnel.lambda.port.Connection;

/** What {@code $connect} decided about an agent. */
public sealed interface Admission {

    /** The agent serves {@code connection.tunnelId()}; {@code token} is the token's display prefix. */
    record Admitted(Connection connection, String token) implements Admission {
    }

    /**
     * @param reason for the log: wire values quoted and bounded, a token shown only by its display prefix
     */
    record Refused(ConnectRefusal refusal, String reason) implements Admission {
    }
}
