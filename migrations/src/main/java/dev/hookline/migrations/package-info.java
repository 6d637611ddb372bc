/**
 * The Flyway SQL migrations ({@code db/migration}) and {@link dev.hookline.migrations.Migrations}, which applies them.
 */
package dev.hookline.migrations;
