package dev.hookline.worker.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HttpDispatcherTest {
    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        assertThat(HttpDispatcher.parseRetryAfter("120")).isEqualTo(Duration.ofSeconds(120));
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        assertThat(HttpDispatcher.parseRetryAfter(inAMinute)).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(61));
        assertThat(HttpDispatcher.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"))
                .isEqualTo(Duration.ZERO);
        assertThat(HttpDispatcher.parseRetryAfter("soon")).isNull();
        assertThat(HttpDispatcher.parseRetryAfter("-5")).isNull();
        assertThat(HttpDispatcher.parseRetryAfter(null)).isNull();
    }

    @Test
    void truncatedUtf8LosesOnlyTheCharacterCutInHalf() {
        byte[] text = "ab€".getBytes(StandardCharsets.UTF_8); // € is three bytes
        assertThat(HttpDispatcher.withoutCutCharacter(Arrays.copyOf(text, 4)))
                .isEqualTo("ab".getBytes(StandardCharsets.UTF_8));
        assertThat(HttpDispatcher.withoutCutCharacter(Arrays.copyOf(text, 3)))
                .isEqualTo("ab".getBytes(StandardCharsets.UTF_8));
        assertThat(HttpDispatcher.withoutCutCharacter(text)).isEqualTo(text);
        assertThat(HttpDispatcher.withoutCutCharacter("abc".getBytes(StandardCharsets.UTF_8)))
                .hasSize(3);
    }
}
