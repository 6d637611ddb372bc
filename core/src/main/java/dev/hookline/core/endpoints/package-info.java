/**
 * Endpoints and their encrypted signing secrets in PostgreSQL.
 */
package dev.hookline.core.endpoints;
