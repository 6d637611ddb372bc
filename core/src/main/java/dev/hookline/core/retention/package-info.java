/**
 * The weekly partitions of the attempt log and the messages, created ahead and dropped past retention.
 */
package dev.hookline.core.retention;
