/**
 * Health checks, the liveness and readiness probes, and the JVM gauges that replace Dropwizard's costly ones.
 */
package dev.hookline.server.health;
