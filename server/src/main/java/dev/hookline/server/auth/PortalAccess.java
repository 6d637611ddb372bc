package dev.hookline.server.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Opens a resource method to portal sessions that hold every permission in {@link #value}. A method without it is
 * closed to them (403), so a new operation is never reachable from the portal by accident. {@link PortalGate}
 * enforces it, and the endpoint scope of {@code {endpoint}} and {@code endpointId}, before the method runs.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PortalAccess {
    Permission[] value();

    /** Closed to sessions limited to some endpoints: they could not see what the operation makes. */
    boolean wholeTenantOnly() default false;
}
