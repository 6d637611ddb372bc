/**
 * Who is calling: API keys resolved to a caller, the cache of those lookups kept in step across servers, and tenant
 * scoping.
 */
package dev.hookline.server.auth;
