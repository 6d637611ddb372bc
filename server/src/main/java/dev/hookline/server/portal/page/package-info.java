/**
 * The tenant portal's page under {@code /portal}: static assets from the jar, named by content hash, served with a
 * strict Content-Security-Policy. The page is a client of the public REST API with a portal session's token.
 */
package dev.hookline.server.portal.page;
