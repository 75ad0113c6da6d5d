package dev.httptunnel.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Agent → service, after API Gateway refused one of its messages ({@code "Too Many Requests"}, which does
 * not say which): which of these answers has the service not recorded? Answered by {@link MissingAnswers}.
 *
 * @param requestIds answers the agent sent that the refusal may concern, at most {@link #MAX_IDS}
 */
public record AnswerCheck(List<String> requestIds) implements Message {
    static final String TYPE = "answer_check";

    /** Bounds the reads one check costs the service: one strongly consistent read per id. */
    public static final int MAX_IDS = 64;

    public AnswerCheck {
        requestIds = RequestIds.requireList(Objects.requireNonNull(requestIds, "requestIds"), MAX_IDS);
    }
}
