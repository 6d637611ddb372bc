/**
 * Prefixed, time-ordered ids ({@code msg_…}, {@code ep_…}): UUIDv7 in Crockford base32.
 */
package dev.hookline.core.ids;
