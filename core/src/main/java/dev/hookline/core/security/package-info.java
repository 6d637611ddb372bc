/**
 * Keys and secrets: tenant API keys (stored as hashes), endpoint signing secrets, and their encryption at rest.
 */
package dev.hookline.core.security;
