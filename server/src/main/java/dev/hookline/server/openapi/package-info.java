/**
 * The API's OpenAPI document, served from {@code docs/openapi.yaml}.
 */
package dev.hookline.server.openapi;
