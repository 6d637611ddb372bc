/**
 * Messages in PostgreSQL: the ingest statements in plain JDBC ({@code IngestSql}), reading messages back, and
 * idempotency keys.
 */
package dev.hookline.core.messages;
