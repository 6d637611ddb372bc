/**
 * The global event-type catalogue's API and service.
 */
package dev.hookline.server.eventtypes;
