/**
 * Sending messages and reading them back: the two doors a send comes in by, the intake both call, parsing, and the
 * group-committed ingest.
 */
package dev.hookline.server.messages;
