/**
 * Requests per second per API key: one budget per key for every door a request comes in by.
 */
package dev.hookline.server.ratelimit;
