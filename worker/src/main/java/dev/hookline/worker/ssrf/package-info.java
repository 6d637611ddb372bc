/**
 * The SSRF guard: what an address is, which addresses a delivery may reach, and the HTTP client's resolver that
 * enforces it.
 */
package dev.hookline.worker.ssrf;
