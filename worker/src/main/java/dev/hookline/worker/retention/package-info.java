/**
 * The retention job: the coming weeks' partitions created, old weeks dropped, old payloads and settled deliveries
 * deleted.
 */
package dev.hookline.worker.retention;
