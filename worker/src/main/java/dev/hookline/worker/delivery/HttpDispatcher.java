package dev.hookline.worker.delivery;

import dev.hookline.worker.delivery.AttemptResult.ErrorClass;
import dev.hookline.worker.ssrf.BlockedAddressException;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

/**
 * Sends one delivery as an HTTP POST with Jetty's shared, pooled, asynchronous client. Redirects are not
 * followed; the response body is kept up to a limit and read no further than a hard cap, so a receiver that
 * streams forever costs bounded memory and at most the timeout.
 */
public final class HttpDispatcher {
    /** Bytes read past the kept prefix before the response is cut off. */
    private static final int DISCARD_LIMIT = 1 << 20;

    private final HttpClient client;
    private final Duration timeout;
    private final int maxBodyBytes;

    public HttpDispatcher(HttpClient client, Duration timeout, int maxBodyBytes) {
        this.client = client;
        this.timeout = timeout;
        this.maxBodyBytes = maxBodyBytes;
    }

    public CompletableFuture<AttemptResult> post(String url, Map<String, String> headers, byte[] body) {
        CompletableFuture<AttemptResult> future = new CompletableFuture<>();
        long start = System.nanoTime();
        Request request;
        try {
            request = client.newRequest(url)
                    .method(HttpMethod.POST)
                    .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .followRedirects(false)
                    .body(new BytesRequestContent("application/json", body))
                    .headers(h -> headers.forEach(h::put));
        } catch (IllegalArgumentException e) {
            future.complete(AttemptResult.noAnswer(ErrorClass.IO + ": invalid URL"));
            return future;
        }
        request.send(new Collector(start, future));
        return future;
    }

    private final class Collector implements Response.Listener {
        private final long start;
        private final CompletableFuture<AttemptResult> future;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long seen;

        Collector(long start, CompletableFuture<AttemptResult> future) {
            this.start = start;
            this.future = future;
        }

        @Override
        public void onContent(Response response, ByteBuffer content) {
            int length = content.remaining();
            seen += length;
            int room = maxBodyBytes - kept.size();
            if (room > 0) {
                byte[] chunk = new byte[Math.min(room, length)];
                content.get(chunk);
                kept.write(chunk, 0, chunk.length);
            }
            if (seen > maxBodyBytes + (long) DISCARD_LIMIT) {
                response.abort(new ResponseTooLargeException());
            }
        }

        @Override
        public void onComplete(Result result) {
            long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Response response = result.getResponse();
            Throwable failure = result.getFailure();
            boolean gotStatus = response != null && response.getStatus() > 0;
            boolean cutOff = failure instanceof ResponseTooLargeException && gotStatus;
            if (failure != null && !cutOff) {
                future.complete(new AttemptResult(null, null, false, durationMs, classify(failure), null));
                return;
            }
            byte[] bytes = kept.toByteArray();
            if (seen > bytes.length) {
                bytes = withoutCutCharacter(bytes); // a UTF-8 body cut at the limit is still UTF-8
            }
            String body;
            boolean base64 = false;
            try {
                body = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            } catch (CharacterCodingException e) {
                body = Base64.getEncoder().encodeToString(bytes);
                base64 = true;
            }
            int status = response.getStatus();
            Duration retryAfter = (status == 429 || status == 503)
                    ? parseRetryAfter(response.getHeaders().get(HttpHeader.RETRY_AFTER))
                    : null;
            String error = failure instanceof ResponseTooLargeException ? ErrorClass.BODY_TOO_LARGE : null;
            future.complete(new AttemptResult(status, body, base64, durationMs, error, retryAfter));
        }
    }

    /** Drops a multi-byte UTF-8 sequence left incomplete at the end of a truncated body. */
    static byte[] withoutCutCharacter(byte[] bytes) {
        for (int back = 1; back <= Math.min(3, bytes.length); back++) {
            int b = bytes[bytes.length - back] & 0xff;
            if ((b & 0xc0) == 0x80) {
                continue; // a continuation byte: the sequence started further back
            }
            int length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
            return length > back ? java.util.Arrays.copyOf(bytes, bytes.length - back) : bytes;
        }
        return bytes;
    }

    static String classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (t instanceof BlockedAddressException) {
                return ErrorClass.SSRF_BLOCKED + ": " + t.getMessage();
            }
            if (t instanceof TimeoutException || name.contains("Timeout")) {
                return ErrorClass.TIMEOUT;
            }
            if (t instanceof ConnectException) {
                return ErrorClass.CONNECTION_REFUSED;
            }
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return ErrorClass.DNS;
            }
            if (t instanceof SSLException) {
                return ErrorClass.TLS + ": " + t.getMessage();
            }
        }
        String detail = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return ErrorClass.IO + ": " + (detail.length() > 200 ? detail.substring(0, 200) : detail);
    }

    /** {@code Retry-After} in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }

    static final class ResponseTooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ResponseTooLargeException() {
            super("response body too large", null, false, false);
        }
    }
}
