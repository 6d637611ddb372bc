package dev.hookline.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 42 * SECOND; // an arbitrary nanoTime origin

    @Test
    void aFullBucketLetsItsBurstThroughAtOnceThenAnswersTheWaitForTheNextToken() {
        TokenBucket bucket = TokenBucket.full(10, 3, T0);

        assertThat(bucket.tryTake(T0)).isZero();
        assertThat(bucket.tryTake(T0)).isZero();
        assertThat(bucket.tryTake(T0)).isZero();
        assertThat(bucket.tryTake(T0)).isEqualTo(SECOND / 10); // one token every 100 ms
        assertThat(bucket.tryTake(T0 + SECOND / 20)).isEqualTo(SECOND / 20); // half of it has flowed in
    }

    @Test
    void aRefusedRequestTakesNothing() {
        TokenBucket bucket = new TokenBucket(1, 1, 0, T0);

        for (int i = 0; i < 5; i++) {
            assertThat(bucket.tryTake(T0 + SECOND / 2)).isEqualTo(SECOND / 2);
        }
        assertThat(bucket.tryTake(T0 + SECOND)).isZero();
    }

    @Test
    void tokensFlowInAtTheRateAndNoFurtherThanTheBurst() {
        TokenBucket bucket = new TokenBucket(4, 2, 0, T0);

        // an hour of rest fills the bucket to its burst of 2, not to 14,400
        long later = T0 + 3600 * SECOND;
        assertThat(bucket.tryTake(later)).isZero();
        assertThat(bucket.tryTake(later)).isZero();
        assertThat(bucket.tryTake(later)).isPositive();
        // then 4 a second: one every 250 ms
        assertThat(bucket.tryTake(later + SECOND / 4)).isZero();
        assertThat(bucket.tryTake(later + SECOND / 4)).isPositive();
    }

    @Test
    void aBucketStartingWithOneTokenLetsOnlyTheFirstRequestThrough() {
        TokenBucket bucket = new TokenBucket(5, 5, 1, T0);

        assertThat(bucket.tryTake(T0)).isZero();
        assertThat(bucket.tryTake(T0)).isEqualTo(SECOND / 5);
    }

    @Test
    void aNewLimitKeepsTheTokensUpToTheNewBurstAndRefillsAtTheNewRate() {
        TokenBucket bucket = TokenBucket.full(10, 10, T0);

        bucket.limit(2, 2);

        assertThat(bucket.tryTake(T0)).isZero();
        assertThat(bucket.tryTake(T0)).isZero();
        assertThat(bucket.tryTake(T0)).isEqualTo(SECOND / 2); // 2 a second now
    }

    @Test
    void aClockThatGoesBackAddsNoTokens() {
        TokenBucket bucket = new TokenBucket(1, 5, 0, T0);

        assertThat(bucket.tryTake(T0 - 10 * SECOND)).isEqualTo(SECOND);
    }

    @Test
    void refusesARateThatIsNotPositiveOrABurstBelowOne() {
        assertThatThrownBy(() -> TokenBucket.full(0, 1, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenBucket.full(1, 0.5, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenBucket.full(Double.NaN, 1, T0)).isInstanceOf(IllegalArgumentException.class);
        TokenBucket bucket = TokenBucket.full(1, 1, T0);
        assertThatThrownBy(() -> bucket.limit(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
