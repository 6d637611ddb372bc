/**
 * What every DAO shares: JDBI set-up, JDBC helpers, JSON columns, keyset pages, where the log's reads run (LogReads).
 * What a {@code *Dao} returns follows one rule, written in docs/architecture.md and checked by ArchitectureTest.
 */
package dev.hookline.core.db;
