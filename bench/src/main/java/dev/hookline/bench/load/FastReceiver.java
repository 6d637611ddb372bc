package dev.hookline.bench.load;

import dev.hookline.sdk.Webhook;
import dev.hookline.sdk.WebhookVerificationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The webhook receiver every scenario sends to: a bare Jetty handler on 127.0.0.1 that answers 200 to every POST,
 * counts it, and, when the payload starts with {@code {"t":<nanos>}}, records send-to-receipt latency. One request
 * in {@link #VERIFY_EVERY} has its signature verified, so a broken signer cannot hide behind a fast number.
 */
public final class FastReceiver implements AutoCloseable {
    static final int VERIFY_EVERY = 256;
    private static final byte[] T_PREFIX = "{\"t\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEQ_PREFIX = ",\"seq\":".getBytes(StandardCharsets.US_ASCII);

    private final Server server;
    private final Webhook verifier;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong verified = new AtomicLong();
    private final AtomicLong badSignatures = new AtomicLong();
    private final AtomicLong lastReceiptNanos = new AtomicLong();
    private volatile LatencyRecorder latencies;
    private volatile Receipt receipts;

    /** Told of each receipt of a payload written by {@link Payloads}: its {@code seq}, and when it arrived. */
    @FunctionalInterface
    public interface Receipt {
        void received(long seq, long receivedAtNanos);
    }

    /** @param secret the endpoints' signing secret ({@code whsec_…}), or null to verify nothing */
    public FastReceiver(String secret) throws Exception {
        this.verifier = secret == null ? null : new Webhook(secret);
        QueuedThreadPool pool = new QueuedThreadPool(32, 4);
        pool.setName("bench-receiver");
        pool.setDaemon(true);
        server = new Server(pool);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                ByteBuffer body = Content.Source.asByteBuffer(request);
                onReceipt(request, body);
                response.setStatus(200);
                callback.succeeded();
                return true;
            }
        });
        server.start();
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Starts recording latencies of up to {@code capacity} receipts into a fresh recorder (null stops it). */
    public void recordLatencies(LatencyRecorder recorder) {
        this.latencies = recorder;
    }

    /** Tells {@code listener} of every receipt that carries a {@code seq} (null stops it). */
    public void onReceipt(Receipt listener) {
        this.receipts = listener;
    }

    public long received() {
        return received.get();
    }

    public long lastReceiptNanos() {
        return lastReceiptNanos.get();
    }

    public long verified() {
        return verified.get();
    }

    public long badSignatures() {
        return badSignatures.get();
    }

    private void onReceipt(Request request, ByteBuffer body) {
        long now = System.nanoTime();
        long n = received.incrementAndGet();
        lastReceiptNanos.accumulateAndGet(now, Math::max);
        LatencyRecorder recorder = latencies;
        if (recorder != null) {
            long sentAt = sentAtNanos(body);
            if (sentAt > 0) {
                recorder.record(now - sentAt);
            }
        }
        Receipt listener = receipts;
        if (listener != null) {
            long seq = seqOf(body);
            if (seq >= 0) {
                listener.received(seq, now);
            }
        }
        String id = request.getHeaders().get(Webhook.HEADER_ID);
        if (verifier != null && id != null && n % VERIFY_EVERY == 0) {
            byte[] bytes = new byte[body.remaining()];
            body.duplicate().get(bytes);
            try {
                verifier.verify(
                        new String(bytes, StandardCharsets.UTF_8),
                        Map.of(
                                Webhook.HEADER_ID, List.of(id),
                                Webhook.HEADER_TIMESTAMP,
                                        List.of(String.valueOf(
                                                request.getHeaders().get(Webhook.HEADER_TIMESTAMP))),
                                Webhook.HEADER_SIGNATURE,
                                        List.of(String.valueOf(
                                                request.getHeaders().get(Webhook.HEADER_SIGNATURE)))));
                verified.incrementAndGet();
            } catch (WebhookVerificationException e) {
                badSignatures.incrementAndGet();
            }
        }
    }

    /** The {@code t} of a payload written by {@link Payloads}, without parsing JSON; 0 when absent. */
    static long sentAtNanos(ByteBuffer body) {
        int p = body.position();
        if (body.remaining() < T_PREFIX.length + 1) {
            return 0;
        }
        for (int i = 0; i < T_PREFIX.length; i++) {
            if (body.get(p + i) != T_PREFIX[i]) {
                return 0;
            }
        }
        long value = 0;
        for (int i = p + T_PREFIX.length; i < body.limit(); i++) {
            byte b = body.get(i);
            if (b < '0' || b > '9') {
                break;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    /** The {@code seq} of a payload written by {@link Payloads} ({@code {"t":…,"seq":…}}); -1 when absent. */
    static long seqOf(ByteBuffer body) {
        int p = body.position();
        if (!startsWith(body, p, T_PREFIX)) {
            return -1;
        }
        int i = p + T_PREFIX.length;
        while (i < body.limit() && body.get(i) >= '0' && body.get(i) <= '9') {
            i++;
        }
        if (!startsWith(body, i, SEQ_PREFIX)) {
            return -1;
        }
        long value = 0;
        int digits = 0;
        for (int j = i + SEQ_PREFIX.length; j < body.limit(); j++, digits++) {
            byte b = body.get(j);
            if (b < '0' || b > '9') {
                break;
            }
            value = value * 10 + (b - '0');
        }
        return digits == 0 ? -1 : value;
    }

    private static boolean startsWith(ByteBuffer body, int at, byte[] prefix) {
        if (body.limit() - at < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (body.get(at + k) != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
