/**
 * The Prometheus exposition on the admin port ({@code /metrics/prometheus}): the Dropwizard metrics bridged, the
 * delivery path's own counters and histograms, queue and endpoint gauges, and the JVM's metrics.
 */
package dev.hookline.server.metrics;
