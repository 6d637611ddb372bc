/**
 * The delivery log's API: pages of attempts, one attempt, and an endpoint's statistics.
 */
package dev.hookline.server.attempts;
