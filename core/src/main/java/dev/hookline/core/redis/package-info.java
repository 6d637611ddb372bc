/**
 * Where Redis is (one server, a Redis Cluster or a Sentinel-watched master) and the one way Hookline connects to it.
 */
package dev.hookline.core.redis;
