/**
 * The public Java SDK: {@link dev.hookline.sdk.HooklineClient} and its resource groups,
 * {@link dev.hookline.sdk.Webhook} to sign and verify deliveries, and one exception per kind of failure.
 */
package dev.hookline.sdk;
