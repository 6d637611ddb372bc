/**
 * OpenTelemetry tracing of the delivery path ({@link dev.hookline.worker.tracing.DeliveryTrace}), off unless the
 * host process turns it on ({@link dev.hookline.worker.tracing.Tracing}).
 */
package dev.hookline.worker.tracing;
