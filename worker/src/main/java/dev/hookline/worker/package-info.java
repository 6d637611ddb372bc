/**
 * The delivery engine, assembled ({@link dev.hookline.worker.Worker}), and the settings it is tuned by.
 */
package dev.hookline.worker;
