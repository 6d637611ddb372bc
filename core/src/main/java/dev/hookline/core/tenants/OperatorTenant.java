package dev.hookline.core.tenants;

/**
 * The reserved tenant that owns the operator's operational endpoints (created by migration V10). Its endpoints,
 * messages and attempts are ordinary rows, delivered by the same worker; only the operator's
 * {@code /v1/operational-endpoints} routes reach them. No listing shows it, no API key can be made for it, and every
 * tenant route answers 404 for it.
 */
public final class OperatorTenant {
    /** The lowest tenant id there can be; no uid can take it (uids of an id's shape are refused). */
    public static final String ID = "tnt_00000000000000000000000000";

    private OperatorTenant() {}

    public static boolean is(String tenantId) {
        return ID.equals(tenantId);
    }
}
