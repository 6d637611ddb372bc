/**
 * What only {@code dev} mode serves: a receiver for the quickstart's deliveries.
 */
package dev.hookline.server.dev;
