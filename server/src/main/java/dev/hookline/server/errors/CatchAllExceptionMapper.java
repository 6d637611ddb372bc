package dev.hookline.server.errors;

import dev.hookline.core.ids.Ids;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.jdbi.v3.core.ConnectionException;
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
        if (isDatabaseUnavailable(e)) {
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

    /**
     * Whether {@code e}, a cause of it, or an exception suppressed along the way says the connection is gone. The
     * suppressed ones count because the JDBC driver, when the connection drops mid-batch, throws a bare
     * {@code AssertionError}, and only the rollback's "connection has been closed" attached to it says why.
     */
    static boolean isDatabaseUnavailable(Throwable e) {
        return isDatabaseUnavailable(e, 0);
    }

    private static boolean isDatabaseUnavailable(Throwable e, int depth) {
        for (Throwable t = e; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof ConnectionException || t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("57P01"))) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (isDatabaseUnavailable(suppressed, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }
}
