package dev.hookline.worker.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.worker.delivery.AdaptiveLimit.Signal;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdaptiveLimitTest {
    static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    long now = 1_000 * MS;

    /** One round trip of {@code rttMs}: as many answers as the limit allows, the lane full. */
    void fullRound(AdaptiveLimit limit, Signal signal, long rttMs) {
        long start = now;
        now += rttMs * MS;
        int answers = limit.limit();
        for (int i = 0; i < answers; i++) {
            limit.onSample(signal, start, now, limit.limit());
        }
    }

    @Test
    void startsAtTwentyOrAtALowerCeiling() {
        assertThat(new AdaptiveLimit(200).limit()).isEqualTo(20);
        assertThat(new AdaptiveLimit(7).limit()).isEqualTo(7);
        assertThatThrownBy(() -> new AdaptiveLimit(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void growsByAboutOnePerRoundTripOfFastAnswersAndStopsAtTheCeiling() {
        AdaptiveLimit limit = new AdaptiveLimit(50);

        fullRound(limit, Signal.ANSWERED, 10);
        assertThat(limit.limit()).isEqualTo(21);
        for (int i = 0; i < 9; i++) {
            fullRound(limit, Signal.ANSWERED, 10);
        }
        assertThat(limit.limit()).isEqualTo(30);

        int highest = 0;
        for (int i = 0; i < 100; i++) {
            fullRound(limit, Signal.ANSWERED, 10);
            highest = Math.max(highest, limit.limit());
        }
        assertThat(highest).isEqualTo(50);
        assertThat(limit.limit()).isEqualTo(50);
    }

    @Test
    void doesNotGrowWhileTheLaneUsesLessThanHalfOfIt() {
        AdaptiveLimit limit = new AdaptiveLimit(200);
        for (int i = 0; i < 1_000; i++) {
            long start = now;
            now += 5 * MS;
            limit.onSample(Signal.ANSWERED, start, now, 9);
        }
        assertThat(limit.limit()).isEqualTo(20);
    }

    @Test
    void halvesOnEveryKindOfOverload() {
        for (AttemptResult overload : new AttemptResult[] {
            answer(429),
            answer(500),
            answer(503),
            AttemptResult.noAnswer("timeout"),
            AttemptResult.noAnswer("connection_refused"),
            AttemptResult.noAnswer("io: Connection reset")
        }) {
            AdaptiveLimit limit = new AdaptiveLimit(200);
            limit.onSample(AdaptiveLimit.signal(overload), now, now + 5 * MS, 20);
            assertThat(limit.limit()).as("after %s", overload).isEqualTo(10);
        }
    }

    @Test
    void cutsOncePerRoundTripAndNeverBelowOne() {
        AdaptiveLimit limit = new AdaptiveLimit(200);
        long sentTogether = now;
        now += 50 * MS;
        for (int i = 0; i < 20; i++) { // twenty 503s to requests sent before the first cut: one cut
            limit.onSample(Signal.OVERLOADED, sentTogether, now + i, 20 - i);
        }
        assertThat(limit.limit()).isEqualTo(10);

        long sentAfterTheCut = now + 20;
        limit.onSample(Signal.OVERLOADED, sentAfterTheCut, sentAfterTheCut + 50 * MS, 10);
        assertThat(limit.limit()).isEqualTo(5);

        for (int i = 0; i < 20; i++) {
            long start = now += 100 * MS;
            limit.onSample(Signal.OVERLOADED, start, start + 50 * MS, 1);
        }
        assertThat(limit.limit()).isEqualTo(1);
    }

    @Test
    void anAnswerFarSlowerThanTheBaselineCutsIt() {
        AdaptiveLimit limit = new AdaptiveLimit(200);
        fullRound(limit, Signal.ANSWERED, 10); // baseline 10 ms, limit 21
        fullRound(limit, Signal.ANSWERED, 39); // under 2 × 10 + 20 ms: still fast, 22
        assertThat(limit.limit()).isEqualTo(22);

        long start = now;
        now += 41 * MS;
        limit.onSample(Signal.ANSWERED, start, now, 22);
        assertThat(limit.limit()).isEqualTo(17); // floor(22 × 0.8)
    }

    @Test
    void theBaselineIsRelearntWhenTheReceiverStaysSlower() {
        AdaptiveLimit limit = new AdaptiveLimit(200);
        fullRound(limit, Signal.ANSWERED, 1);
        // the receiver now needs 100 ms for good: cut while the 1 ms baseline is remembered, then growing again
        for (int i = 0; i < 300; i++) {
            fullRound(limit, Signal.ANSWERED, 100);
        }
        int settled = limit.limit();
        fullRound(limit, Signal.ANSWERED, 100);
        assertThat(limit.limit()).isEqualTo(settled + 1);
    }

    @Test
    void neverExceedsAnEndpointsOwnCeilingAndFollowsItWhenItChanges() {
        AdaptiveLimit limit = new AdaptiveLimit(200);
        limit.ceiling(5);
        assertThat(limit.limit()).isEqualTo(5);
        for (int i = 0; i < 50; i++) {
            fullRound(limit, Signal.ANSWERED, 10);
        }
        assertThat(limit.limit()).isEqualTo(5);

        limit.ceiling(8);
        for (int i = 0; i < 50; i++) {
            fullRound(limit, Signal.ANSWERED, 10);
        }
        assertThat(limit.limit()).isEqualTo(8);
    }

    @Test
    void answersThatSayNothingAboutCapacityChangeNothing() {
        AdaptiveLimit limit = new AdaptiveLimit(200);
        for (String error : new String[] {"dns", "tls: handshake", "ssrf_blocked: 10.0.0.1", "signing_failed: none"}) {
            assertThat(AdaptiveLimit.signal(AttemptResult.noAnswer(error))).isEqualTo(Signal.NONE);
            limit.onSample(AdaptiveLimit.signal(AttemptResult.noAnswer(error)), now, now + 1, 20);
        }
        limit.onSample(AdaptiveLimit.signal(null), now, now + 1, 20);
        assertThat(limit.limit()).isEqualTo(20);
        assertThat(AdaptiveLimit.signal(answer(200))).isEqualTo(Signal.ANSWERED);
        assertThat(AdaptiveLimit.signal(answer(404))).isEqualTo(Signal.ANSWERED);
    }

    static AttemptResult answer(int status) {
        return new AttemptResult(status, "", false, 5, null, null);
    }
}
