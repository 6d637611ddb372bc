/**
 * What the scenarios measure with: the load client, the receiver, latency and CPU accounting, the platform's JVM
 * figures.
 */
package dev.hookline.bench.load;
