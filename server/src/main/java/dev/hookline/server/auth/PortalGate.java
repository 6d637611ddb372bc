package dev.hookline.server.auth;

import dev.hookline.server.endpoints.EndpointService;
import dev.hookline.server.errors.ApiException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where portal sessions are held to what they were given, before any resource method runs: a method without
 * {@link PortalAccess} answers 403, as does one needing a permission the session lacks. A session limited to some
 * endpoints gets 404 for any other endpoint named in the path ({@code {endpoint}}) or the {@code endpointId} filter,
 * the same 404 as an endpoint that does not exist; lists and objects found through other ids are limited by the
 * services ({@link Caller#endpointScope()}). API keys and the admin key pass untouched.
 */
public final class PortalGate implements DynamicFeature {
    private final TenantAccess access;
    private final EndpointService endpoints;

    public PortalGate(TenantAccess access, EndpointService endpoints) {
        this.access = Objects.requireNonNull(access, "access == null");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints == null");
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        PortalAccess open = resource.getResourceMethod().getAnnotation(PortalAccess.class);
        context.register(new Check(open));
    }

    @Priority(Priorities.AUTHORIZATION)
    private final class Check implements ContainerRequestFilter {
        private final Set<Permission> needed;
        private final boolean wholeTenantOnly;

        Check(PortalAccess open) {
            this.needed = open == null ? null : Set.copyOf(Arrays.asList(open.value()));
            this.wholeTenantOnly = open != null && open.wholeTenantOnly();
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (!(request.getSecurityContext().getUserPrincipal() instanceof Caller caller) || !caller.isPortal()) {
                return;
            }
            PortalGrant grant = caller.portal();
            if (needed == null) {
                throw ApiException.forbidden("portal sessions cannot call this operation");
            }
            for (Permission permission : needed) {
                if (!grant.allows(permission)) {
                    throw ApiException.forbidden(
                            "this portal session lacks the " + permission.wireName() + " permission");
                }
            }
            if (grant.endpointIds() == null) {
                return;
            }
            if (wholeTenantOnly) {
                throw ApiException.forbidden(
                        "this portal session is limited to " + listed(grant) + " and cannot call this operation");
            }
            var path = request.getUriInfo().getPathParameters();
            String tenant = path.getFirst("tenant");
            String endpoint = path.getFirst("endpoint");
            String filter = request.getUriInfo().getQueryParameters().getFirst("endpointId");
            if (tenant != null && (endpoint != null || filter != null)) {
                String tenantId = access.tenantId(caller, tenant); // another tenant: its usual 404 first
                requireInScope(grant, tenantId, endpoint);
                requireInScope(grant, tenantId, filter);
            }
        }

        private void requireInScope(PortalGrant grant, String tenantId, String ref) {
            if (ref != null
                    && !ref.isEmpty()
                    && !grant.endpointIds()
                            .contains(endpoints.get(tenantId, ref).id())) {
                throw ApiException.notFound("endpoint");
            }
        }

        private static String listed(PortalGrant grant) {
            return grant.endpointIds().stream().sorted().collect(Collectors.joining(", ", "endpoints ", ""));
        }
    }
}
