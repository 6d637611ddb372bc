/**
 * Tenants and their API keys: the operator's side of the API.
 */
package dev.hookline.server.tenants;
