/** Caches every API server keeps of shared state, and the Redis channel that clears them on every server at once. */
package dev.hookline.server.cache;
