package dev.hookline.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * Message bodies of a realistic size (about 300 bytes of payload). The payload starts with {@code {"t":<nanos>}} so
 * the receiver, in the same JVM as the sender, reads the send time without parsing JSON.
 */
public final class Payloads {
    private static final String FILLER = "x".repeat(220);

    private Payloads() {}

    public static String payload(long sentAtNanos, long seq) {
        return "{\"t\":" + sentAtNanos + ",\"seq\":" + seq + ",\"customer\":{\"id\":\"cus_" + seq
                + "\",\"plan\":\"pro\"},\"filler\":\"" + FILLER + "\"}";
    }

    public static String message(String eventType, String channel, long sentAtNanos, long seq) {
        return "{\"eventType\":\"" + eventType + "\",\"channels\":[\"" + channel + "\"],\"payload\":"
                + payload(sentAtNanos, seq) + "}";
    }

    public static byte[] batch(
            String eventType, String channelPrefix, int channels, int size, long sentAtNanos, long firstSeq) {
        return batch(eventType, seq -> channelPrefix + (seq % channels), size, sentAtNanos, firstSeq);
    }

    /** A batch whose every message goes to {@code channel}. */
    public static byte[] batchTo(String eventType, String channel, int size, long sentAtNanos, long firstSeq) {
        return batch(eventType, seq -> channel, size, sentAtNanos, firstSeq);
    }

    private static byte[] batch(
            String eventType,
            java.util.function.LongFunction<String> channel,
            int size,
            long sentAtNanos,
            long firstSeq) {
        StringBuilder b = new StringBuilder(size * 400).append("{\"messages\":[");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                b.append(',');
            }
            long seq = firstSeq + i;
            b.append(message(eventType, channel.apply(seq), sentAtNanos, seq));
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
