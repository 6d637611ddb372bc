package dev.hookline.worker.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.core.delivery.DeliveryJob;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceparentTest {
    static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void readsAndWritesW3cTraceparentAndRejectsWhatIsMalformed() {
        assertThat(Tracing.traceparent(Tracing.parse(VALID))).isEqualTo(VALID);
        assertThat(Tracing.parse(VALID).isRemote()).isTrue();
        assertThat(Tracing.parse(null).isValid()).isFalse();
        assertThat(Tracing.parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01")
                        .isValid())
                .isFalse();
        assertThat(Tracing.parse("garbage").isValid()).isFalse();
        assertThat(Tracing.parse(VALID.toUpperCase()).isValid()).isFalse();
    }

    @Test
    void tracingOffCarriesTheSendersTraceparentAndAllocatesNothingWithoutOne() {
        DeliveryTrace without = Tracing.off().delivery(job(null), Instant.EPOCH, Instant.EPOCH, Instant.EPOCH);
        assertThat(without).isSameAs(DeliveryTrace.OFF);
        assertThat(without.outgoingTraceparent()).isNull();
        DeliveryTrace with = Tracing.off().delivery(job(VALID), Instant.EPOCH, Instant.EPOCH, Instant.EPOCH);
        with.httpStarted(Instant.EPOCH, "http://127.0.0.1/x");
        assertThat(with.outgoingTraceparent()).isEqualTo(VALID);
    }

    private static DeliveryJob job(String traceparent) {
        return new DeliveryJob(
                "dlv_1",
                "tnt_1",
                "msg_1",
                "ep_1",
                1,
                "a.b",
                new byte[0],
                Instant.EPOCH,
                "http://127.0.0.1/x",
                Map.of(),
                List.of(),
                null,
                false,
                traceparent,
                null);
    }
}
