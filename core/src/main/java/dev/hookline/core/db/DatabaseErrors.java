package dev.hookline.core.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.ConnectionException;

/** What a database error says about the server behind it. */
public final class DatabaseErrors {
    private DatabaseErrors() {}

    /**
     * Whether {@code e}, a cause of it, or an exception suppressed along the way says the server cannot be reached
     * or is going away: no connection from the pool, a connection error (SQLSTATE class 08), or a server shutting
     * down, crashed or starting up (57P01 to 57P03). The suppressed ones count because the JDBC driver, when the
     * connection drops mid-batch, throws a bare {@code AssertionError}, and only the rollback's "connection has been
     * closed" attached to it says why.
     */
    public static boolean unavailable(Throwable e) {
        return unavailable(e, 0);
    }

    private static boolean unavailable(Throwable e, int depth) {
        for (Throwable t = e; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof ConnectionException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            String state = t instanceof SQLException sql ? sql.getSQLState() : null;
            if (state != null && (state.startsWith("08") || state.matches("57P0[123]"))) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (unavailable(suppressed, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a hot standby cancelled the query because replaying the primary's changes needed what it read
     * (SQLSTATE 40001, "conflict with recovery"); the same query succeeds on the primary.
     */
    public static boolean cancelledByRecovery(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "40001".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
