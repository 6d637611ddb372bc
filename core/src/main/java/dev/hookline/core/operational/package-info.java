/**
 * Operational webhooks: events about tenants' endpoints and deliveries, stored as messages of the operator's tenant in
 * the transaction of the change they report, and delivered like any other message.
 */
package dev.hookline.core.operational;
