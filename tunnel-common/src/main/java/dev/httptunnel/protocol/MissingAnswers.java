package dev.httptunnel.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Service → agent, the answer to {@link AnswerCheck}: of the ids checked, the requests of this connection
 * that still wait for an answer within their deadline. The agent sends those answers again; the others
 * were recorded, or are past helping.
 */
public record MissingAnswers(List<String> requestIds) implements Message {
    static final String TYPE = "missing_answers";

    public MissingAnswers {
        requestIds = RequestIds.requireList(Objects.requireNonNull(requestIds, "requestIds"), AnswerCheck.MAX_IDS);
    }
}
