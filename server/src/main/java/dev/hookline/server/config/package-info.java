/**
 * The sections of {@code config/hookline.yml}: database, Redis, delivery, retention, security and limits.
 */
package dev.hookline.server.config;
