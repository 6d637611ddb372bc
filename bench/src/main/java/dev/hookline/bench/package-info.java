/**
 * The benchmark tool: the scenarios against a running platform, the delivery-log query benchmark, reports and the
 * chart.
 */
package dev.hookline.bench;
