/**
 * The Dropwizard application and its configuration, with what every list shares: paging and sealed iterators.
 */
package dev.hookline.server;
