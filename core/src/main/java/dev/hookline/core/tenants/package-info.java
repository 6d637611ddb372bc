/**
 * Tenants, their branding and their API keys in PostgreSQL.
 */
package dev.hookline.core.tenants;
