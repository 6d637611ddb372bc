package dev.hookline.server.auth;

import java.util.Arrays;
import java.util.Optional;

/** What a portal session may do beyond reading; {@link #READ} is always granted. */
public enum Permission {
    READ("read"),
    MANAGE_ENDPOINTS("manage_endpoints"),
    VIEW_SECRETS("view_secrets"),
    RESEND("resend");

    private final String wireName;

    Permission(String wireName) {
        this.wireName = wireName;
    }

    /** As the API spells it: {@code read}, {@code manage_endpoints}, {@code view_secrets}, {@code resend}. */
    public String wireName() {
        return wireName;
    }

    public static Optional<Permission> of(String wireName) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(wireName)).findFirst();
    }
}
