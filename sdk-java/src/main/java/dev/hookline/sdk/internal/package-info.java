/**
 * Not part of the SDK's API: the Feign bindings of each resource, the JDK HTTP client under them, error mapping and
 * retries.
 */
package dev.hookline.sdk.internal;
