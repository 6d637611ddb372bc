/**
 * PostgreSQL and Redis run from binaries in Maven artifacts: the zero-set-up path of {@code dev} mode and the test
 * fixture.
 */
package dev.hookline.core.embedded;
