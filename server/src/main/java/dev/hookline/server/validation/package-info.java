/**
 * Checking requests before they are used: body size and JSON depth limits, field checks, time windows.
 */
package dev.hookline.server.validation;
