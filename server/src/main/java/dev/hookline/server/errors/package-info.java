/**
 * One error body for every 4xx and 5xx: the exception services throw and the mappers that write it.
 */
package dev.hookline.server.errors;
