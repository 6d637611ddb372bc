package dev.hookline.worker.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class BackoffTest {
    final List<Long> pauses = new ArrayList<>();
    final Backoff backoff =
            new Backoff(LoggerFactory.getLogger(BackoffTest.class), () -> "test round failed", pauses::add);

    static final Backoff.Round FAILS = () -> {
        throw new IllegalStateException("down");
    };
    static final Backoff.Round SUCCEEDS = () -> {};

    @Test
    void failedRoundsPauseFrom100MsDoublingUpTo5Seconds() throws Exception {
        for (int i = 0; i < 8; i++) {
            assertThat(backoff.run(FAILS)).isFalse();
        }

        assertThat(pauses).containsExactly(100L, 200L, 400L, 800L, 1_600L, 3_200L, 5_000L, 5_000L);
    }

    @Test
    void aRoundThatSucceedsDoesNotPauseAndStartsThePausesOver() throws Exception {
        backoff.run(FAILS);
        backoff.run(FAILS);

        assertThat(backoff.run(SUCCEEDS)).isTrue();
        backoff.run(FAILS);

        assertThat(pauses).containsExactly(100L, 200L, 100L);
    }

    @Test
    void anAssertionErrorFailsTheRoundInsteadOfEndingTheLoop() throws Exception {
        // what pgjdbc throws when its connection dies in the middle of a statement
        assertThat(backoff.run(() -> {
                    throw new AssertionError("connection died mid-batch");
                }))
                .isFalse();

        assertThat(pauses).containsExactly(100L);
    }

    @Test
    void anInterruptionIsNotAFailedRound() {
        assertThatThrownBy(() -> backoff.run(() -> {
                    throw new InterruptedException();
                }))
                .isInstanceOf(InterruptedException.class);
        assertThat(pauses).isEmpty();
    }
}
