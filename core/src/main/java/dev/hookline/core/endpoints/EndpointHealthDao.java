package dev.hookline.core.endpoints;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** How many endpoints, over all tenants, are disabled or failing: for the metrics, never per tenant. */
public interface EndpointHealthDao {
    /** {@code failing}: enabled endpoints in a run of failures (no 2xx since their first failure). */
    record Counts(int disabled, int failing) {}

    @RegisterConstructorMapper(Counts.class)
    @SqlQuery("""
        SELECT count(*) FILTER (WHERE disabled) AS disabled,
               count(*) FILTER (WHERE NOT disabled AND failing_since IS NOT NULL) AS failing
        FROM endpoints
        """)
    Counts counts();
}
