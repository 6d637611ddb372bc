/**
 * JMH micro-benchmarks of the code every message or delivery runs through once.
 */
package dev.hookline.bench.jmh;
