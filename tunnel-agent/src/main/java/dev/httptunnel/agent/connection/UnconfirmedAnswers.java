package dev.httptunnel.agent.connection;

import dev.httptunnel.protocol.AnswerCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The answers a connection sent lately, kept so that one the stage throttle refused can be sent again.
 * API Gateway's refusal ({@code "Too Many Requests"}) does not say which message it concerns, so the agent
 * cannot tell on its own; it marks every answer sent before the refusal as suspect, asks the service which
 * of them it has not recorded ({@link AnswerCheck}) and resends only those. An answer the service has is
 * never sent again on the agent's own judgement.
 *
 * <p>Bounded: an answer no refusal followed is forgotten after {@link #UNSUSPECTED_FOR}, a suspect one after
 * {@link #SUSPECT_FOR}; at most {@link #MAX_ANSWERS} answers and {@link #MAX_CHARS} characters are kept
 * (oldest dropped first), and each answer is resent at most {@link #MAX_RESENDS} times, whatever the service
 * says. One check is out at a time; the checks back off from {@link #SETTLE} to {@link #MAX_CHECK_DELAY}
 * while refusals keep coming.
 */
final class UnconfirmedAnswers {

    /** A refusal follows the refused message within a round trip; this covers a slow network. */
    static final Duration UNSUSPECTED_FOR = Duration.ofSeconds(5);
    /** The HTTP API's integration timeout: no caller waits longer for an answer. */
    static final Duration SUSPECT_FOR = Duration.ofSeconds(30);
    static final int MAX_ANSWERS = 1024;
    static final long MAX_CHARS = 16L * 1024 * 1024;
    static final int MAX_RESENDS = 8;
    /**
     * An answer is asked about only once it was sent this long ago, so that one the gateway accepted is
     * recorded by the time the service looks, and is not resent; the first check waits as long.
     */
    static final Duration SETTLE = Duration.ofMillis(250);
    static final Duration MAX_CHECK_DELAY = Duration.ofSeconds(2);
    /** A check with no reply by then was itself refused (or lost); its answers are asked about again. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

    private static final class Answer {
        final String text;
        final long firstSentAt;
        long lastSentAt;
        int resends;
        boolean suspect;
        boolean checked;

        Answer(String text, long now) {
            this.text = text;
            this.firstSentAt = now;
            this.lastSentAt = now;
        }
    }

    /** What a check's reply asks the connection to send again, and how many it has given up on. */
    record Resend(List<String> answers, int givenUp) {
    }

    private final LongSupplier nanoTime;
    /** In the order last sent, oldest first. */
    private final Map<String, Answer> answers = new LinkedHashMap<>();
    private long chars;
    private Duration checkDelay = SETTLE;
    /** When the check still unanswered was sent; 0 when none is out. */
    private long checkSentAt;

    UnconfirmedAnswers() {
        this(System::nanoTime);
    }

    UnconfirmedAnswers(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Keeps {@code text}, the answer to {@code requestId} just sent. */
    synchronized void sent(String requestId, String text) {
        long now = nanoTime.getAsLong();
        forgetExpired(now);
        Answer previous = answers.remove(requestId);
        if (previous != null) {
            chars -= previous.text.length();
        }
        answers.put(requestId, new Answer(text, now));
        chars += text.length();
        while (answers.size() > MAX_ANSWERS || chars > MAX_CHARS) {
            Iterator<Answer> oldest = answers.values().iterator();
            chars -= oldest.next().text.length();
            oldest.remove();
        }
    }

    /**
     * API Gateway refused one of this connection's messages: every answer sent so far may be the one.
     *
     * @return true when there is an answer to check
     */
    synchronized boolean refused() {
        forgetExpired(nanoTime.getAsLong());
        answers.values().forEach(a -> a.suspect = true);
        return !answers.isEmpty();
    }

    /** How long to wait before the next check: longer each time, while refusals keep coming. */
    synchronized Duration nextCheckDelay() {
        Duration delay = checkDelay;
        Duration doubled = checkDelay.multipliedBy(2);
        checkDelay = doubled.compareTo(MAX_CHECK_DELAY) > 0 ? MAX_CHECK_DELAY : doubled;
        return delay;
    }

    /**
     * The next check: the oldest settled suspect answers not yet asked about; null when there is none, or
     * while the last check awaits its reply.
     */
    synchronized AnswerCheck nextCheck() {
        long now = nanoTime.getAsLong();
        forgetExpired(now);
        if (checkSentAt != 0 && now - checkSentAt < CHECK_TIMEOUT.toNanos()) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, Answer> entry : answers.entrySet()) {
            Answer answer = entry.getValue();
            if (checkSentAt != 0) {
                answer.checked = false;
            }
            if (answer.suspect && !answer.checked && now - answer.lastSentAt >= SETTLE.toNanos()
                    && ids.size() < AnswerCheck.MAX_IDS) {
                answer.checked = true;
                ids.add(entry.getKey());
            }
        }
        checkSentAt = ids.isEmpty() ? 0 : now;
        return ids.isEmpty() ? null : new AnswerCheck(ids);
    }

    /** Whether a check is to be sent, or awaits its reply. */
    synchronized boolean checking() {
        return checkSentAt != 0 || answers.values().stream().anyMatch(a -> a.suspect && !a.checked);
    }

    /**
     * The service's reply to a check: the answers it names as missing are to be sent again (each at most
     * {@link #MAX_RESENDS} times); the others checked are recorded, or past helping, and are forgotten.
     * Only answers this connection sent and asked about are resent, whatever the reply names.
     */
    synchronized Resend missing(List<String> missingIds) {
        long now = nanoTime.getAsLong();
        checkSentAt = 0;
        List<String> resend = new ArrayList<>();
        int givenUp = 0;
        Iterator<Map.Entry<String, Answer>> all = answers.entrySet().iterator();
        List<Map.Entry<String, Answer>> again = new ArrayList<>();
        while (all.hasNext()) {
            Map.Entry<String, Answer> entry = all.next();
            Answer answer = entry.getValue();
            if (!answer.checked) {
                continue;
            }
            answer.checked = false;
            answer.suspect = false;
            if (!missingIds.contains(entry.getKey())) {
                all.remove();
                chars -= answer.text.length();
            } else if (answer.resends >= MAX_RESENDS) {
                all.remove();
                chars -= answer.text.length();
                givenUp++;
            } else {
                all.remove();
                again.add(entry);
            }
        }
        for (Map.Entry<String, Answer> entry : again) {
            Answer answer = entry.getValue();
            answer.resends++;
            answer.lastSentAt = now;
            answers.put(entry.getKey(), answer);
            resend.add(answer.text);
        }
        if (resend.isEmpty()) {
            checkDelay = SETTLE; // nothing was missing: the refusals are over
        }
        return new Resend(resend, givenUp);
    }

    synchronized int size() {
        return answers.size();
    }

    private void forgetExpired(long now) {
        Iterator<Answer> all = answers.values().iterator();
        while (all.hasNext()) {
            Answer answer = all.next();
            boolean expired = answer.suspect
                    ? now - answer.firstSentAt > SUSPECT_FOR.toNanos()
                    : now - answer.lastSentAt > UNSUSPECTED_FOR.toNanos();
            if (expired) {
                chars -= answer.text.length();
                all.remove();
            } else if (!answer.suspect) {
                break; // in the order last sent: the rest are newer
            }
        }
    }
}
