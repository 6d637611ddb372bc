package dev.hookline.sdk.model;

/**
 * How the tenant portal presents a tenant: {@code displayName} (at most 100 characters), {@code accentColor}
 * ({@code #rrggbb}) and {@code logoUrl} (an absolute https or http URL). Each may be null: the portal then shows the
 * tenant's name, its own colour and no logo.
 *
 * <pre>{@code
 * client.tenants().setBranding("acme", new Branding("Acme Billing", "#0055ff", "https://acme.example/logo.svg"));
 * }</pre>
 */
public record Branding(String displayName, String accentColor, String logoUrl) {}
