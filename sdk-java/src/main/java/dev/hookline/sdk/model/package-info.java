/**
 * The wire records of the REST API, shared with the server as its request and response bodies, so the SDK and the API
 * cannot drift apart.
 */
package dev.hookline.sdk.model;
