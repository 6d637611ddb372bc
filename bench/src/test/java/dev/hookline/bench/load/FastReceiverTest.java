package dev.hookline.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FastReceiverTest {
    @Test
    void readsTheSendTimeAndSeqOfAPayloadWithoutParsingJson() {
        ByteBuffer body = ByteBuffer.wrap(Payloads.payload(123_456_789L, 4_711).getBytes(StandardCharsets.UTF_8));

        assertThat(FastReceiver.sentAtNanos(body)).isEqualTo(123_456_789L);
        assertThat(FastReceiver.seqOf(body)).isEqualTo(4_711);
        assertThat(body.position()).isZero();
    }

    @Test
    void aPayloadOfAnotherShapeHasNoSeq() {
        assertThat(FastReceiver.seqOf(ByteBuffer.wrap("{\"seq\":5}".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(-1);
        assertThat(FastReceiver.seqOf(ByteBuffer.wrap("{\"t\":5,\"x\":1}".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(-1);
        assertThat(FastReceiver.seqOf(ByteBuffer.wrap("{\"t\":5".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(-1);
    }
}
