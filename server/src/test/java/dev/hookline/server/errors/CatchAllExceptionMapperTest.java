package dev.hookline.server.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.sdk.model.ErrorBody;
import dev.hookline.server.testing.LogCapture;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** A 500 never shows its cause, and always logs the id it hands out so an operator can find the trace. */
class CatchAllExceptionMapperTest {

    @Test
    void unexpectedErrorAnswersAnIdThatTheLogHoldsWithTheTrace() {
        try (LogCapture logs = LogCapture.start()) {
            // when something unexpected fails with SQL in its message
            Response response = new CatchAllExceptionMapper()
                    .toResponse(new IllegalStateException(
                            "boom", new SQLException("ERROR: syntax error at SELECT secret FROM x")));

            // then the body is the error body without trace or SQL, and names an id
            ErrorBody body = (ErrorBody) response.getEntity();
            assertThat(response.getStatus()).isEqualTo(500);
            assertThat(body.error()).isEqualTo("internal_error");
            assertThat(body.message())
                    .doesNotContain("SELECT")
                    .doesNotContain("boom")
                    .doesNotContain("Exception");
            String errorId = body.message().replaceAll(".*(err_[0-9A-Z]{26}).*", "$1");
            assertThat(errorId).startsWith("err_");

            // and the log has that id with the stack trace
            assertThat(logs.text())
                    .contains(errorId)
                    .contains("IllegalStateException: boom")
                    .contains("syntax error at SELECT");
        }
    }

    @Test
    void unreachableDatabaseIsA503WithRetryAfter() {
        Response response = new CatchAllExceptionMapper()
                .toResponse(new RuntimeException(new SQLException("connection refused", "08001")));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(((ErrorBody) response.getEntity()).error()).isEqualTo("unavailable");
    }

    @Test
    void theDriversAssertionErrorOnADroppedConnectionIsA503Too() {
        // as pgjdbc's executeBatch throws it when the connection dies mid-batch: no cause, and JDBI's rollback
        // attaches the "connection has been closed" it met as a suppressed exception
        AssertionError driver = new AssertionError("pgStatement.getConnection().getAutoCommit() should not throw");
        RuntimeException rollback = new RuntimeException(
                "Failed to test for transaction status", new SQLException("This connection has been closed.", "08003"));
        driver.addSuppressed(rollback);

        Response response = new CatchAllExceptionMapper().toResponse(new IllegalStateException(driver));

        assertThat(response.getStatus()).isEqualTo(503);
    }

    @Test
    void anAssertionErrorWithNothingAboutTheConnectionIsStillA500() {
        Response response =
                new CatchAllExceptionMapper().toResponse(new IllegalStateException(new AssertionError("bug")));
        assertThat(response.getStatus()).isEqualTo(500);
    }
}
