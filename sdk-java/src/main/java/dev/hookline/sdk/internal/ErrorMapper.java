package dev.hookline.sdk.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.sdk.AuthenticationException;
import dev.hookline.sdk.ConflictException;
import dev.hookline.sdk.HooklineException;
import dev.hookline.sdk.InvalidRequestException;
import dev.hookline.sdk.NotFoundException;
import dev.hookline.sdk.RateLimitException;
import dev.hookline.sdk.ServerException;
import dev.hookline.sdk.ValidationException;
import dev.hookline.sdk.model.ErrorBody;
import feign.Response;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;

/** Turns every non-2xx answer into the {@link HooklineException} subclass of its status. Internal. */
public final class ErrorMapper implements ErrorDecoder {
    private static final int MAX_BODY = 64 * 1024; // an error body is small; a proxy's HTML page is not worth more

    private final ObjectMapper mapper;

    public ErrorMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        int status = response.status();
        String requestId = header(response, "X-Request-Id");
        String raw = readBody(response);
        ErrorBody body = parse(raw);
        String code = body != null && body.error() != null ? body.error() : defaultCode(status);
        String message = body != null && body.message() != null ? body.message() : fallbackMessage(status, raw);
        Duration retryAfter = retryAfter(header(response, "Retry-After"));

        if (status == 400 || status == 422) {
            return new ValidationException(status, code, message, requestId, body == null ? List.of() : body.details());
        }
        if (status == 401) {
            return new AuthenticationException(status, code, message, requestId);
        }
        if (status == 404) {
            return new NotFoundException(status, code, message, requestId);
        }
        if (status == 409) {
            return new ConflictException(status, code, message, requestId);
        }
        if (status == 429) {
            return new RateLimitException(status, code, message, requestId, retryAfter);
        }
        if (status >= 500) {
            return new ServerException(status, code, message, requestId, retryAfter);
        }
        if (status >= 400) {
            return new InvalidRequestException(status, code, message, requestId);
        }
        return new HooklineException(status, code, message, requestId); // e.g. an unexpected 3xx
    }

    private ErrorBody parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return mapper.readValue(raw, ErrorBody.class);
        } catch (IOException e) {
            return null; // not our JSON (a proxy, a load balancer): fall back to the status
        }
    }

    private static String readBody(Response response) {
        if (response.body() == null) {
            return null;
        }
        try (InputStream in = response.body().asInputStream()) {
            return new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static String fallbackMessage(int status, String raw) {
        if (raw == null || raw.isBlank()) {
            return "HTTP " + status + " without an error body";
        }
        String oneLine = raw.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }

    private static String defaultCode(int status) {
        return switch (status) {
            case 400, 422 -> "validation_failed";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limited";
            default -> status >= 500 ? "server_error" : "http_" + status;
        };
    }

    /** Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    private static String header(Response response, String name) {
        for (var e : response.headers().entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                Collection<String> values = e.getValue();
                return values.isEmpty() ? null : values.iterator().next();
            }
        }
        return null;
    }
}
