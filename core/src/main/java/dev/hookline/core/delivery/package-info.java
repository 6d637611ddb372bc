/**
 * Deliveries in PostgreSQL: the worker's claim and record statements in plain JDBC ({@code DeliverySql}), the rarer
 * ones in {@code DeliveryDao}, and a delivery's states.
 */
package dev.hookline.core.delivery;
