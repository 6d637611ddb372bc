package dev.hookline.server.errors;

import dev.hookline.core.db.DatabaseErrors;
import dev.hookline.core.ids.Ids;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anything unexpected: logged with an id that the answer carries, so an operator can find the stack trace; the
 * body never holds the trace or SQL. A database that cannot be reached is a 503, not a 500.
 */
public final class CatchAllExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(CatchAllExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        String errorId = Ids.next("err");
        if (DatabaseErrors.unavailable(e)) {
            LOG.warn("database unavailable ({}): {}", errorId, e.toString());
            return ErrorResponses.builder(
                            503,
                            "unavailable",
                            "the database is unavailable, try again shortly (error id " + errorId + ")",
                            java.util.List.of())
                    .header("Retry-After", "5")
                    .build();
        }
        LOG.error("unexpected error {}", errorId, e);
        return ErrorResponses.of(500, "internal_error", "unexpected error, logged as " + errorId);
    }
}
