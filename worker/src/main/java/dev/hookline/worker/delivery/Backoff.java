package dev.hookline.worker.delivery;

import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Runs the rounds of a background loop so that a failing one does not spin: a round that throws is logged, and the
 * loop pauses 100 ms, twice as long after each further failure up to 5 s, and 100 ms again after a round that
 * succeeds. One per loop thread.
 *
 * <p>An {@link AssertionError} fails a round like an exception: pgjdbc throws one when its connection dies in the
 * middle of a statement, and letting it end the thread would stop the loop for good.
 */
final class Backoff {
    static final long FIRST_PAUSE_MILLIS = 100;
    static final long MAX_PAUSE_MILLIS = 5_000;

    /** One round of the loop. */
    @FunctionalInterface
    interface Round {
        void run() throws InterruptedException;
    }

    /** How the loop pauses; a test's replaces {@link Thread#sleep}. */
    @FunctionalInterface
    interface Pause {
        void millis(long millis) throws InterruptedException;
    }

    private final Logger log;
    private final Supplier<String> failure;
    private final Pause pause;
    private long pauseMillis = FIRST_PAUSE_MILLIS;

    /** @param failure what a failed round is logged as, ahead of the pause and the exception */
    Backoff(Logger log, Supplier<String> failure) {
        this(log, failure, Thread::sleep);
    }

    Backoff(Logger log, Supplier<String> failure, Pause pause) {
        this.log = log;
        this.failure = failure;
        this.pause = pause;
    }

    /** Runs {@code round}: true if it succeeded, false once its failure is logged and the pause is over. */
    boolean run(Round round) throws InterruptedException {
        try {
            round.run();
        } catch (RuntimeException | AssertionError e) {
            log.warn("{}, retrying in {} ms: {}", failure.get(), pauseMillis, e.toString());
            pause.millis(pauseMillis);
            pauseMillis = Math.min(pauseMillis * 2, MAX_PAUSE_MILLIS);
            return false;
        }
        pauseMillis = FIRST_PAUSE_MILLIS;
        return true;
    }
}
