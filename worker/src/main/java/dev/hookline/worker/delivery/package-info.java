/**
 * Delivering: the consumer loop, the per-endpoint gate, signing and sending one attempt, its outcome and retry
 * schedule, the attempt recorder, the retry scheduler and the reconciler.
 */
package dev.hookline.worker.delivery;
