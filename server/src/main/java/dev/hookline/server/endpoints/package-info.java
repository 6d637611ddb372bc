/**
 * A tenant's endpoints and their signing secrets: the API, the service and the rules their fields obey.
 */
package dev.hookline.server.endpoints;
