/**
 * What every DAO shares: JDBI set-up, JDBC binding helpers, JSON columns, keyset pages. What a {@code *Dao} returns
 * follows one rule, written in docs/architecture.md and checked by the server's ArchitectureTest.
 */
package dev.hookline.core.db;
