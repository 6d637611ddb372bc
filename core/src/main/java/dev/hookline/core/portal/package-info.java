/**
 * Portal sessions in PostgreSQL: the hashed tokens of the tenant portal, their permissions and endpoint scope.
 */
package dev.hookline.core.portal;
