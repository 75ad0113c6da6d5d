package dev.httptunnel.agent.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.protocol.AnswerCheck;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UnconfirmedAnswersTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final UnconfirmedAnswers answers = new UnconfirmedAnswers(now::get);

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void withoutARefusal_nothingIsChecked_andAnswersAreForgottenSoon() {
        answers.sent("r1", "answer 1");
        advance(UnconfirmedAnswers.SETTLE);

        assertThat(answers.nextCheck()).isNull();
        advance(UnconfirmedAnswers.UNSUSPECTED_FOR);
        answers.sent("r2", "answer 2");
        assertThat(answers.size()).isEqualTo(1);
    }

    @Test
    void afterARefusal_settledAnswersAreChecked_andOnlyTheMissingOneIsSentAgain() {
        answers.sent("r1", "answer 1");
        answers.sent("r2", "answer 2");
        assertThat(answers.refused()).isTrue();
        assertThat(answers.nextCheck()).as("not settled yet: an accepted answer may still be on its way").isNull();
        advance(UnconfirmedAnswers.SETTLE);

        AnswerCheck check = answers.nextCheck();
        assertThat(check.requestIds()).containsExactly("r1", "r2");
        UnconfirmedAnswers.Resend resend = answers.missing(List.of("r2"));

        assertThat(resend.answers()).containsExactly("answer 2");
        assertThat(answers.size()).as("r1 is recorded: forgotten, never sent again").isEqualTo(1);
        assertThat(answers.checking()).isFalse();
    }

    @Test
    void aReplyNamingAnswersNeverAskedAbout_resendsNothing() {
        answers.sent("r1", "answer 1");
        answers.refused();
        advance(UnconfirmedAnswers.SETTLE);
        answers.sent("r2", "answer 2");
        assertThat(answers.nextCheck().requestIds()).containsExactly("r1");

        assertThat(answers.missing(List.of("r2", "forged")).answers()).isEmpty();
        assertThat(answers.missing(List.of("r1")).answers()).as("a second reply to one check").isEmpty();
    }

    @Test
    void oneCheckIsOutAtATime_untilItsReplyOrItsTimeout() {
        answers.sent("r1", "answer 1");
        answers.refused();
        advance(UnconfirmedAnswers.SETTLE);
        assertThat(answers.nextCheck()).isNotNull();
        answers.sent("r2", "answer 2");
        answers.refused();
        advance(UnconfirmedAnswers.SETTLE);

        assertThat(answers.nextCheck()).as("the first check awaits its reply").isNull();
        assertThat(answers.checking()).isTrue();
        advance(UnconfirmedAnswers.CHECK_TIMEOUT);
        assertThat(answers.nextCheck().requestIds()).as("the first check was lost: both asked again")
                .containsExactly("r1", "r2");
    }

    @Test
    void anAnswerIsSentAgainAtMostMaxResendsTimes() {
        answers.sent("r1", "answer 1");
        int resent = 0;
        for (int round = 0; round < UnconfirmedAnswers.MAX_RESENDS + 3; round++) {
            answers.refused();
            advance(UnconfirmedAnswers.SETTLE);
            AnswerCheck check = answers.nextCheck();
            if (check == null) {
                break;
            }
            UnconfirmedAnswers.Resend resend = answers.missing(check.requestIds());
            resent += resend.answers().size();
        }
        assertThat(resent).isEqualTo(UnconfirmedAnswers.MAX_RESENDS);
        assertThat(answers.size()).isZero();
    }

    @Test
    void checksBackOff_whileRefusalsContinue_andStartOverOnceAllIsSettled() {
        assertThat(answers.nextCheckDelay()).isEqualTo(UnconfirmedAnswers.SETTLE);
        assertThat(answers.nextCheckDelay()).isEqualTo(UnconfirmedAnswers.SETTLE.multipliedBy(2));
        for (int i = 0; i < 10; i++) {
            answers.nextCheckDelay();
        }
        assertThat(answers.nextCheckDelay()).isEqualTo(UnconfirmedAnswers.MAX_CHECK_DELAY);
        answers.sent("r1", "answer 1");
        answers.refused();
        advance(UnconfirmedAnswers.SETTLE);
        answers.missing(answers.nextCheck().requestIds().subList(0, 0));

        assertThat(answers.nextCheckDelay()).isEqualTo(UnconfirmedAnswers.SETTLE);
    }

    @Test
    void memoryIsBounded_byCountAndSize() {
        for (int i = 0; i < UnconfirmedAnswers.MAX_ANSWERS + 10; i++) {
            answers.sent("r" + i, "x");
        }
        assertThat(answers.size()).isEqualTo(UnconfirmedAnswers.MAX_ANSWERS);
        String large = "y".repeat(128 * 1024);
        for (int i = 0; i < 200; i++) {
            answers.sent("big" + i, large);
        }
        assertThat((long) answers.size() * large.length()).isLessThanOrEqualTo(UnconfirmedAnswers.MAX_CHARS);
    }

    @Test
    void aSuspectAnswerIsKeptNoLongerThanACallerCanWait() {
        answers.sent("r1", "answer 1");
        answers.refused();
        advance(UnconfirmedAnswers.SUSPECT_FOR.plusMillis(1));

        assertThat(answers.nextCheck()).isNull();
        assertThat(answers.size()).isZero();
    }
}
