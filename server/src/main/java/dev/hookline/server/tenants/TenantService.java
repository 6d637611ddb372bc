package dev.hookline.server.tenants;

import dev.hookline.core.db.Cursor;
import dev.hookline.core.db.Json;
import dev.hookline.core.ids.Ids;
import dev.hookline.core.security.ApiKeys;
import dev.hookline.core.tenants.ApiKeyDao;
import dev.hookline.core.tenants.TenantDao;
import dev.hookline.sdk.model.ApiKey;
import dev.hookline.sdk.model.ApiKeyCreated;
import dev.hookline.sdk.model.ApiKeyIn;
import dev.hookline.sdk.model.Branding;
import dev.hookline.sdk.model.Page;
import dev.hookline.sdk.model.Tenant;
import dev.hookline.sdk.model.TenantIn;
import dev.hookline.sdk.model.TenantPatch;
import dev.hookline.server.errors.ApiException;
import dev.hookline.server.validation.Checks;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Tenants, their branding and their API keys: the operator's side of the API. */
public final class TenantService {
    private static final Pattern ACCENT_COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private final Jdbi jdbi;
    private final Clock clock;
    private final Runnable onAccessChanged;

    /** @param onAccessChanged told after a tenant changes or goes, or a key is revoked (caches forget what they knew) */
    public TenantService(Jdbi jdbi, Clock clock, Runnable onAccessChanged) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.onAccessChanged = Objects.requireNonNull(onAccessChanged, "onAccessChanged == null");
    }

    public Tenant create(TenantIn in) {
        if (in == null) {
            throw ApiException.invalid("body", "is required");
        }
        Checks checks = new Checks();
        checks.text("name", in.name(), 1, 256, true);
        checks.uid("uid", in.uid());
        checks.metadata("metadata", in.metadata());
        checks.throwIfAny();
        String id = Ids.next(Ids.TENANT);
        Instant now = clock.instant();
        uniqueUid(() -> jdbi.useExtension(
                TenantDao.class, dao -> dao.insert(id, in.uid(), in.name(), Json.write(in.metadata()), now)));
        return jdbi.withExtension(TenantDao.class, dao -> dao.find(id)).orElseThrow();
    }

    public Page<Tenant> list(int limit, String before) {
        return Cursor.page(jdbi.withExtension(TenantDao.class, dao -> dao.list(before, limit + 1)), limit, Tenant::id);
    }

    public Tenant update(Tenant tenant, TenantPatch patch) {
        if (patch == null) {
            throw ApiException.invalid("body", "is required");
        }
        Checks checks = new Checks();
        if (patch.name() != null) {
            checks.text("name", patch.name(), 1, 256, true);
        }
        checks.uid("uid", patch.uid());
        checks.metadata("metadata", patch.metadata());
        checks.throwIfAny();
        uniqueUid(() -> jdbi.useExtension(
                TenantDao.class,
                dao -> dao.update(
                        tenant.id(),
                        patch.name(),
                        patch.uid(),
                        patch.metadata() == null ? null : Json.write(patch.metadata()),
                        clock.instant())));
        onAccessChanged.run();
        return jdbi.withExtension(TenantDao.class, dao -> dao.find(tenant.id())).orElseThrow();
    }

    /** How the portal presents the tenant; every field null when never set. */
    public Branding branding(String tenantId) {
        return jdbi.withExtension(TenantDao.class, dao -> dao.branding(tenantId))
                .orElseThrow(() -> ApiException.notFound("tenant"));
    }

    /**
     * Replaces the tenant's branding (an absent field is cleared): {@code displayName} at most 100 characters,
     * {@code accentColor} {@code #rrggbb}, {@code logoUrl} an absolute http(s) URL without credentials.
     */
    public Branding setBranding(String tenantId, Branding in) {
        if (in == null) {
            throw ApiException.invalid("body", "is required");
        }
        Checks checks = new Checks();
        checks.text("displayName", in.displayName(), 1, 100, false);
        if (in.accentColor() != null && !ACCENT_COLOR.matcher(in.accentColor()).matches()) {
            checks.fail("accentColor", "must be a colour as #rrggbb");
        }
        logoUrl(checks, in.logoUrl());
        checks.throwIfAny();
        jdbi.useExtension(TenantDao.class, dao -> dao.setBranding(tenantId, in, clock.instant()));
        return branding(tenantId);
    }

    private static void logoUrl(Checks checks, String url) {
        if (url == null) {
            return;
        }
        if (url.length() > 2048) {
            checks.fail("logoUrl", "must be at most 2048 characters");
            return;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                checks.fail("logoUrl", "must be an absolute http(s) URL with a host");
            } else if (uri.getRawUserInfo() != null) {
                checks.fail("logoUrl", "must not contain credentials");
            } else if (Checks.hasControlCharacters(url)) {
                checks.fail("logoUrl", "must not contain control characters");
            }
        } catch (URISyntaxException e) {
            checks.fail("logoUrl", "is not a valid URL");
        }
    }

    /** Deleting a tenant deletes its endpoints and keys (their open deliveries go with them); its log stays. */
    public void delete(Tenant tenant) {
        jdbi.useExtension(TenantDao.class, dao -> dao.delete(tenant.id()));
        onAccessChanged.run();
    }

    public ApiKeyCreated createKey(Tenant tenant, ApiKeyIn in) {
        String name = in == null || in.name() == null ? "default" : in.name();
        Checks checks = new Checks();
        checks.text("name", name, 1, 256, true);
        checks.throwIfAny();
        String key = ApiKeys.generate();
        String id = Ids.next(Ids.API_KEY);
        Instant now = clock.instant();
        String prefix = ApiKeys.displayPrefix(key);
        jdbi.useExtension(ApiKeyDao.class, dao -> dao.insert(id, tenant.id(), name, prefix, ApiKeys.hash(key), now));
        return new ApiKeyCreated(id, name, prefix, key, now);
    }

    public Page<ApiKey> listKeys(Tenant tenant, int limit, String before) {
        return Cursor.page(
                jdbi.withExtension(ApiKeyDao.class, dao -> dao.list(tenant.id(), before, limit + 1)),
                limit,
                ApiKey::id);
    }

    public void deleteKey(Tenant tenant, String keyId) {
        if (jdbi.withExtension(ApiKeyDao.class, dao -> dao.delete(tenant.id(), keyId)) == 0) {
            throw ApiException.notFound("API key");
        }
        onAccessChanged.run();
    }

    private static void uniqueUid(Runnable write) {
        try {
            write.run();
        } catch (UnableToExecuteStatementException e) {
            if (Checks.isUniqueViolation(e)) {
                throw ApiException.conflict("a tenant with this uid exists already", "uid");
            }
            throw e;
        }
    }
}
