/**
 * The tenant portal's API: minting, listing and revoking portal sessions, and what a session learns about itself.
 */
package dev.hookline.server.portal;
