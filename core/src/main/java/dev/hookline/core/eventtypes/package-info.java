/**
 * The global event-type catalogue in PostgreSQL.
 */
package dev.hookline.core.eventtypes;
