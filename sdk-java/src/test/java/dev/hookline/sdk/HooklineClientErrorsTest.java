package dev.hookline.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hookline.sdk.model.ErrorBody;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HooklineClientErrorsTest {
    private final FakeHookline server = new FakeHookline();
    private final HooklineClient client = HooklineClient.builder()
            .baseUrl(server.url())
            .apiKey("hk_supersecret")
            .maxRetries(0)
            .build();

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "400, ValidationException, validation_failed",
        "401, AuthenticationException, unauthorized",
        "403, InvalidRequestException, forbidden",
        "404, NotFoundException, not_found",
        "409, ConflictException, conflict",
        "413, InvalidRequestException, payload_too_large",
        "415, InvalidRequestException, unsupported_media_type",
        "422, ValidationException, validation_failed",
        "429, RateLimitException, rate_limited",
        "500, ServerException, internal",
        "503, ServerException, unavailable",
    })
    void mapsEachStatusToItsExceptionWithCodeMessageAndRequestId(int status, String type, String code) {
        server.answer(
                status,
                Map.of("X-Request-Id", "req_" + status),
                "{\"code\":" + status + ",\"error\":\"" + code + "\",\"message\":\"it went wrong\",\"details\":[]}");

        HooklineException e = catchThrowableOfType(
                HooklineException.class, () -> client.tenants().get("tnt_1"));

        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.errorCode()).isEqualTo(code);
        assertThat(e.errorMessage()).isEqualTo("it went wrong");
        assertThat(e.requestId()).isEqualTo("req_" + status);
        assertThat(e.getMessage())
                .isEqualTo("HTTP " + status + " " + code + ": it went wrong (request req_" + status + ")");
        assertThat(e.getMessage()).doesNotContain("hk_supersecret");
    }

    @Test
    void exposesTheFieldErrorsOfAValidationFailure() {
        server.answer(422, """
                {"code":422,"error":"validation_failed","message":"2 fields are invalid",
                 "details":[{"field":"url","message":"must be an absolute https URL"},
                            {"field":"headers.X-Foo","message":"is a reserved header"}]}""");

        ValidationException e = catchThrowableOfType(
                ValidationException.class, () -> client.tenants().get("t"));

        assertThat(e.details())
                .containsExactly(
                        new ErrorBody.FieldError("url", "must be an absolute https URL"),
                        new ErrorBody.FieldError("headers.X-Foo", "is a reserved header"));
    }

    @Test
    void fallsBackToTheStatusWhenTheBodyIsNotAnErrorBody() {
        server.answer(502, Map.of("Content-Type", "text/html"), "<html>\n  <h1>502 Bad Gateway</h1>\n</html>");

        ServerException e = catchThrowableOfType(
                ServerException.class, () -> client.tenants().get("t"));

        assertThat(e.errorCode()).isEqualTo("server_error");
        assertThat(e.errorMessage()).isEqualTo("<html> <h1>502 Bad Gateway</h1> </html>");
        assertThat(e.requestId()).isNull();
    }

    @Test
    void reportsAnErrorWithoutBody() {
        server.answer(404, null);

        NotFoundException e = catchThrowableOfType(
                NotFoundException.class, () -> client.tenants().get("t"));

        assertThat(e.errorCode()).isEqualTo("not_found");
        assertThat(e.errorMessage()).isEqualTo("HTTP 404 without an error body");
    }

    @Test
    void reportsAnUnreadableSuccessBodyAsHooklineException() {
        server.answer(200, "{not json");

        HooklineException e = catchThrowableOfType(
                HooklineException.class, () -> client.tenants().get("t"));

        assertThat(e.errorCode()).isEqualTo("invalid_response");
        assertThat(e.getCause()).isNotNull();
    }

    @Test
    void neverPutsTheApiKeyInAConnectionFailure() {
        HooklineClient unreachable = HooklineClient.builder()
                .baseUrl("http://127.0.0.1:1")
                .apiKey("hk_supersecret")
                .sleeper(new ArrayList<java.time.Duration>()::add)
                .build();

        ConnectionException e = catchThrowableOfType(
                ConnectionException.class, () -> unreachable.tenants().list());

        assertThat(e.getMessage()).doesNotContain("hk_supersecret");
        assertThat(unreachable.toString()).doesNotContain("hk_supersecret");
    }
}
