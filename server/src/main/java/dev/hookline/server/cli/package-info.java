/**
 * The commands beside {@code server}: {@code worker}, {@code dev} and {@code db}.
 */
package dev.hookline.server.cli;
