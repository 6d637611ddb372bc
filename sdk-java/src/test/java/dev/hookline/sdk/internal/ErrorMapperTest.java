package dev.hookline.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {
    @Test
    void readsRetryAfterAsSecondsOrAsAnHttpDate() {
        assertThat(ErrorMapper.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        assertThat(ErrorMapper.retryAfter(inAMinute)).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).minusSeconds(60));
        assertThat(ErrorMapper.retryAfter(past)).isEqualTo(Duration.ZERO);
    }

    @Test
    void ignoresAnUnreadableOrNegativeRetryAfter() {
        assertThat(ErrorMapper.retryAfter(null)).isNull();
        assertThat(ErrorMapper.retryAfter("soon")).isNull();
        assertThat(ErrorMapper.retryAfter("-5")).isNull();
    }
}
