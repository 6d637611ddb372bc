package dev.hookline.bench.load;

import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Asynchronous POSTs with Jetty's HttpClient, at most {@code concurrency} in flight: the load generator for ingest
 * and latency, and (with a connection pool like the worker's) the raw-HTTP baseline. Every loop is bounded by a
 * count and a deadline.
 */
public final class LoadClient implements AutoCloseable {
    private final HttpClient client;
    private final Semaphore inFlight;
    private final int concurrency;
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile LatencyRecorder answers;
    private volatile Answered answered;

    /** Told of each 2xx answer to a request with a tag: the tag, and when the answer came ({@link System#nanoTime}). */
    @FunctionalInterface
    public interface Answered {
        void answered(long tag, long answeredAtNanos);
    }

    public LoadClient(int concurrency, int maxConnectionsPerDestination) throws Exception {
        this.concurrency = concurrency;
        this.inFlight = new Semaphore(concurrency);
        QueuedThreadPool pool = new QueuedThreadPool(16, 2);
        pool.setName("bench-load");
        pool.setDaemon(true);
        client = new HttpClient();
        client.setExecutor(pool);
        client.setMaxConnectionsPerDestination(maxConnectionsPerDestination);
        client.setMaxRequestsQueuedPerDestination(Math.max(1024, concurrency * 2));
        client.setFollowRedirects(false);
        client.setIdleTimeout(60_000);
        client.start();
    }

    /**
     * What a request is: its URL, headers and body, made from its sequence number, and a tag (-1 for none) that
     * {@link #onAnswered} is told of.
     */
    public record Post(String url, Map<String, String> headers, byte[] body, long tag) {
        public Post(String url, Map<String, String> headers, byte[] body) {
            this(url, headers, body, -1);
        }
    }

    /** Tells {@code listener} of every 2xx answer to a tagged request (null stops it). */
    public void onAnswered(Answered listener) {
        this.answered = listener;
    }

    /** Records, for open-loop sends, intended send time → the API's answer (null stops it). */
    public void recordAnswers(LatencyRecorder recorder) {
        this.answers = recorder;
    }

    public long ok() {
        return ok.get();
    }

    public long failed() {
        return failed.get();
    }

    /**
     * Sends requests {@code 0..count-1} as fast as {@code concurrency} allows, stopping early at the deadline;
     * answers how many were answered with a 2xx.
     */
    public long closedLoop(long count, long deadlineNanos, LongFunction<Post> request) throws InterruptedException {
        long before = ok.get();
        for (long i = 0; i < count && System.nanoTime() < deadlineNanos; i++) {
            if (!inFlight.tryAcquire(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            send(request.apply(i), 0);
        }
        awaitIdle(deadlineNanos + TimeUnit.SECONDS.toNanos(30));
        return ok.get() - before;
    }

    /**
     * Offers {@code ratePerSecond} requests for {@code seconds}, on a fixed schedule that does not wait for answers
     * (open loop), so a slow server shows up as latency rather than as a lower rate. {@code request} gets the
     * intended send time in nanos, which is what latency is measured from.
     */
    public long openLoop(int ratePerSecond, int seconds, LongFunction<Post> request) throws InterruptedException {
        long start = System.nanoTime();
        long total = (long) ratePerSecond * seconds;
        double intervalNanos = 1e9 / ratePerSecond;
        long sent = 0;
        while (sent < total) {
            long now = System.nanoTime();
            long due = Math.min(total, (long) ((now - start) / intervalNanos) + 1);
            for (; sent < due; sent++) {
                long intended = start + (long) (sent * intervalNanos);
                if (!inFlight.tryAcquire()) {
                    failed.incrementAndGet(); // more than `concurrency` outstanding: counted as lost, never queued
                    continue;
                }
                send(request.apply(intended), intended);
            }
            Thread.sleep(0, 200_000);
        }
        awaitIdle(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
        return sent;
    }

    /**
     * A fleet of senders: {@code senders} of them each send {@code perSenderPerSecond} requests a second for
     * {@code seconds}, all on the same clock, so each tick is a burst of {@code senders} requests at once, the shape
     * of many app servers on timers. Open loop: a tick does not wait for answers. {@code request} gets the tick's
     * time in nanos, which latency is measured from.
     */
    public long openLoopBursts(int senders, int perSenderPerSecond, int seconds, LongFunction<Post> request)
            throws InterruptedException {
        long start = System.nanoTime();
        long ticks = (long) perSenderPerSecond * seconds;
        long tickNanos = 1_000_000_000L / perSenderPerSecond;
        long sent = 0;
        for (long tick = 0; tick < ticks; tick++) {
            long due = start + tick * tickNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            for (int s = 0; s < senders; s++, sent++) {
                if (!inFlight.tryAcquire()) {
                    failed.incrementAndGet(); // more than `concurrency` outstanding: counted as lost, never queued
                    continue;
                }
                send(request.apply(due), due);
            }
        }
        awaitIdle(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
        return sent;
    }

    private void send(Post post, long intendedNanos) {
        var req = client.POST(post.url())
                .timeout(30, TimeUnit.SECONDS)
                .body(new BytesRequestContent("application/json", post.body()));
        req.headers(h -> post.headers().forEach(h::put));
        req.send(result -> {
            if (result.isSucceeded() && result.getResponse().getStatus() / 100 == 2) {
                ok.incrementAndGet();
                Answered listener = answered;
                if (listener != null && post.tag() >= 0) {
                    listener.answered(post.tag(), System.nanoTime());
                }
                LatencyRecorder recorder = answers;
                if (recorder != null && intendedNanos != 0) {
                    recorder.record(System.nanoTime() - intendedNanos);
                }
            } else {
                failed.incrementAndGet();
            }
            inFlight.release();
        });
    }

    private void awaitIdle(long deadlineNanos) throws InterruptedException {
        if (inFlight.tryAcquire(concurrency, Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            inFlight.release(concurrency);
        }
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
