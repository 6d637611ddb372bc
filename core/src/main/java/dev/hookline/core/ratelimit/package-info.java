/** Rate limiting shared by the API (requests per key) and the worker (requests per endpoint). */
package dev.hookline.core.ratelimit;
