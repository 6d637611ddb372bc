/**
 * The operator's operational endpoints: the admin-key routes that manage them, over the tenants' endpoint service.
 */
package dev.hookline.server.operational;
