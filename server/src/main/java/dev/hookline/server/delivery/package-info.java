/**
 * Fixing deliveries by hand: resending a message to an endpoint, and recovering an endpoint's failed deliveries.
 */
package dev.hookline.server.delivery;
