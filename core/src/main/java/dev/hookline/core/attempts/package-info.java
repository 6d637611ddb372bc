/**
 * The attempt log: its rows, reading pages and statistics ({@code AttemptDao}), and writing it in plain JDBC
 * ({@code AttemptSql}).
 */
package dev.hookline.core.attempts;
