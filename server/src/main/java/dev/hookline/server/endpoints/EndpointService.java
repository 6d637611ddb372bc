package dev.hookline.server.endpoints;

import dev.hookline.core.db.Cursor;
import dev.hookline.core.db.Json;
import dev.hookline.core.endpoints.EndpointDao;
import dev.hookline.core.endpoints.SecretDao;
import dev.hookline.core.endpoints.StoredSecret;
import dev.hookline.core.ids.Ids;
import dev.hookline.core.operational.OperationalEvents;
import dev.hookline.core.queue.DeliveryQueue;
import dev.hookline.core.queue.DeliveryRef;
import dev.hookline.core.security.SecretBox;
import dev.hookline.core.security.SigningSecret;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointDisabledEventData;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.EndpointPatch;
import dev.hookline.sdk.model.EndpointSecret;
import dev.hookline.sdk.model.OperationalEvent;
import dev.hookline.sdk.model.Page;
import dev.hookline.sdk.model.SecretRotateIn;
import dev.hookline.server.errors.ApiException;
import dev.hookline.server.validation.Checks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Endpoints and their signing secrets, always within one tenant; the operator's operational endpoints are those of
 * {@code OperatorTenant}. Creating, changing, disabling, enabling and deleting a tenant's endpoint is reported to
 * the operational endpoints ({@link OperationalEvents}) in the transaction that makes the change; their deliveries
 * are queued after it commits.
 */
public final class EndpointService {
    static final long DEFAULT_GRACE_SECONDS = 86_400;
    static final long MAX_GRACE_SECONDS = 604_800;

    private final Jdbi jdbi;
    private final DeliveryQueue queue;
    private final SecretBox secretBox;
    private final EndpointRules rules;
    private final int maxEndpointsPerTenant;
    private final Clock clock;

    public EndpointService(
            Jdbi jdbi,
            DeliveryQueue queue,
            SecretBox secretBox,
            boolean allowInsecureUrls,
            Function<String, String> hostCheck,
            int maxEndpointsPerTenant,
            Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.queue = Objects.requireNonNull(queue, "queue == null");
        this.secretBox = Objects.requireNonNull(secretBox, "secretBox == null");
        this.rules = new EndpointRules(allowInsecureUrls, hostCheck);
        this.maxEndpointsPerTenant = maxEndpointsPerTenant;
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    public Endpoint create(String tenantId, EndpointIn in) {
        if (in == null) {
            throw ApiException.invalid("body", "is required");
        }
        Checks checks = new Checks();
        rules.url(checks, in.url());
        checks.uid("uid", in.uid());
        rules.description(checks, in.description());
        rules.eventTypes(checks, in.eventTypes());
        rules.channels(checks, in.channels());
        rules.rateLimit(checks, in.rateLimit());
        rules.maxInFlight(checks, in.maxInFlight());
        rules.headers(checks, in.headers());
        checks.metadata("metadata", in.metadata());
        SigningSecret secret =
                newSecret(checks, "secret", in.secret(), "secretType", in.secretType(), SigningSecret.HMAC);
        checks.throwIfAny();
        String id = Ids.next(Ids.ENDPOINT);
        Instant now = clock.instant();
        reporting(() -> jdbi.inTransaction(h -> {
            // Serialise creations per tenant so the cap holds under concurrency.
            h.execute("SELECT pg_advisory_xact_lock(hashtext(?))", tenantId);
            EndpointDao endpoints = h.attach(EndpointDao.class);
            if (endpoints.count(tenantId) >= maxEndpointsPerTenant) {
                throw new ApiException(
                        409,
                        "limit_reached",
                        "this tenant has the maximum of " + maxEndpointsPerTenant + " endpoints",
                        List.of());
            }
            endpoints.insert(
                    id,
                    tenantId,
                    in.uid(),
                    in.url(),
                    in.description() == null ? "" : in.description(),
                    array(in.eventTypes()),
                    array(in.channels()),
                    Boolean.TRUE.equals(in.disabled()),
                    EndpointRules.storedLimit(in.rateLimit()),
                    EndpointRules.storedLimit(in.maxInFlight()),
                    Json.write(in.headers() == null ? java.util.Map.of() : in.headers()),
                    Json.write(in.metadata() == null ? java.util.Map.of() : in.metadata()),
                    now);
            insertSecret(h, id, secret, now);
            return OperationalEvents.emit(
                    h,
                    List.of(OperationalEvents.endpoint(OperationalEvent.ENDPOINT_CREATED, tenantId, id, in.uid())),
                    now);
        }));
        return get(tenantId, id);
    }

    public Endpoint get(String tenantId, String ref) {
        return jdbi.withExtension(EndpointDao.class, dao -> dao.find(tenantId, ref))
                .orElseThrow(() -> ApiException.notFound("endpoint"));
    }

    public Page<Endpoint> list(String tenantId, int limit, String before) {
        return list(tenantId, null, limit, before);
    }

    /** A page of the tenant's endpoints; with a {@code scope} (not null), only those whose id is in it. */
    public Page<Endpoint> list(String tenantId, Set<String> scope, int limit, String before) {
        return Cursor.page(
                jdbi.withExtension(
                        EndpointDao.class,
                        dao -> scope == null
                                ? dao.list(tenantId, before, limit + 1)
                                : dao.listIn(tenantId, scope.toArray(String[]::new), before, limit + 1)),
                limit,
                Endpoint::id);
    }

    public Endpoint update(String tenantId, String ref, EndpointPatch patch) {
        if (patch == null) {
            throw ApiException.invalid("body", "is required");
        }
        Endpoint current = get(tenantId, ref);
        Checks checks = new Checks();
        if (patch.url() != null) {
            rules.url(checks, patch.url());
        }
        checks.uid("uid", patch.uid());
        rules.description(checks, patch.description());
        rules.eventTypes(checks, patch.eventTypes());
        rules.channels(checks, patch.channels());
        rules.rateLimit(checks, patch.rateLimit());
        rules.maxInFlight(checks, patch.maxInFlight());
        rules.headers(checks, patch.headers());
        checks.metadata("metadata", patch.metadata());
        checks.throwIfAny();
        boolean clearRate = EndpointRules.removesLimit(patch.rateLimit());
        boolean clearMaxInFlight = EndpointRules.removesLimit(patch.maxInFlight());
        reporting(() -> jdbi.inTransaction(h -> {
            EndpointDao dao = h.attach(EndpointDao.class);
            // Locked, so that of concurrent changes of the disabled state each sees the state the last one left.
            EndpointDao.DisabledState before =
                    dao.lock(tenantId, current.id()).orElseThrow(() -> ApiException.notFound("endpoint"));
            Instant now = clock.instant();
            dao.update(
                    tenantId,
                    current.id(),
                    patch.url(),
                    patch.uid(),
                    patch.description(),
                    arrayOrNull(patch.eventTypes()),
                    arrayOrNull(patch.channels()),
                    patch.disabled(),
                    clearRate ? null : patch.rateLimit(),
                    clearRate,
                    clearMaxInFlight ? null : patch.maxInFlight(),
                    clearMaxInFlight,
                    patch.headers() == null ? null : Json.write(patch.headers()),
                    patch.metadata() == null ? null : Json.write(patch.metadata()),
                    now);
            Endpoint after = dao.find(tenantId, current.id()).orElseThrow();
            return OperationalEvents.emit(h, changes(tenantId, patch, before, after), now);
        }));
        return get(tenantId, current.id());
    }

    /**
     * What a patch reports: {@code endpoint.updated} if it sets any field but {@code disabled}, and
     * {@code endpoint.disabled} or {@code endpoint.enabled} if the disabled state changed.
     */
    private static List<OperationalEvents.Change> changes(
            String tenantId, EndpointPatch patch, EndpointDao.DisabledState before, Endpoint after) {
        List<OperationalEvents.Change> changes = new ArrayList<>(2);
        boolean fieldsSet = patch.url() != null
                || patch.uid() != null
                || patch.description() != null
                || patch.eventTypes() != null
                || patch.channels() != null
                || patch.rateLimit() != null
                || patch.maxInFlight() != null
                || patch.headers() != null
                || patch.metadata() != null;
        if (fieldsSet) {
            changes.add(
                    OperationalEvents.endpoint(OperationalEvent.ENDPOINT_UPDATED, tenantId, after.id(), after.uid()));
        }
        if (!before.disabled() && after.disabled()) {
            changes.add(OperationalEvents.endpointDisabled(
                    tenantId,
                    after.id(),
                    after.uid(),
                    EndpointDisabledEventData.MANUAL,
                    after.disabledReason(),
                    before.failingSince()));
        } else if (before.disabled() && !after.disabled()) {
            changes.add(
                    OperationalEvents.endpoint(OperationalEvent.ENDPOINT_ENABLED, tenantId, after.id(), after.uid()));
        }
        return changes;
    }

    public void delete(String tenantId, String ref) {
        Endpoint endpoint = get(tenantId, ref);
        reporting(() -> jdbi.inTransaction(h -> {
            if (h.attach(EndpointDao.class).delete(tenantId, endpoint.id()) == 0) {
                return List.of(); // deleted meanwhile by another call, which reports it
            }
            return OperationalEvents.emit(
                    h,
                    List.of(OperationalEvents.endpoint(
                            OperationalEvent.ENDPOINT_DELETED, tenantId, endpoint.id(), endpoint.uid())),
                    clock.instant());
        }));
    }

    /** What receivers verify with: the current HMAC secret, decrypted for its owner, or the Ed25519 public key. */
    public EndpointSecret secret(String tenantId, String ref) {
        Endpoint endpoint = get(tenantId, ref);
        return toApi(current(endpoint.id()));
    }

    /**
     * Replaces the current secret; the old one keeps signing, beside the new one, until its grace period ends,
     * so receivers can switch without dropping a delivery. Without a {@code key} or {@code type}, the new secret
     * is generated with the current one's type.
     */
    public EndpointSecret rotate(String tenantId, String ref, SecretRotateIn in) {
        Endpoint endpoint = get(tenantId, ref);
        SecretRotateIn body = in == null ? new SecretRotateIn(null, null, null) : in;
        Checks checks = new Checks();
        long grace = body.gracePeriodSeconds() == null ? DEFAULT_GRACE_SECONDS : body.gracePeriodSeconds();
        if (grace < 0 || grace > MAX_GRACE_SECONDS) {
            checks.fail("gracePeriodSeconds", "must be between 0 and " + MAX_GRACE_SECONDS);
        }
        String currentType = body.key() == null && body.type() == null
                ? current(endpoint.id()).type()
                : null;
        SigningSecret secret = newSecret(checks, "key", body.key(), "type", body.type(), currentType);
        checks.throwIfAny();
        Instant now = clock.instant();
        Instant oldExpires = now.plus(Duration.ofSeconds(grace));
        jdbi.useTransaction(h -> {
            h.attach(SecretDao.class).expireCurrent(endpoint.id(), oldExpires);
            insertSecret(h, endpoint.id(), secret, now);
        });
        return toApi(secret);
    }

    private SigningSecret current(String endpointId) {
        List<StoredSecret> active = jdbi.withExtension(SecretDao.class, dao -> dao.active(endpointId, clock.instant()));
        StoredSecret current = active.stream()
                .filter(s -> s.expiresAt() == null)
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("secret"));
        return SigningSecret.of(current.kind(), secretBox.decrypt(current.keyId(), current.ciphertext()));
    }

    private static EndpointSecret toApi(SigningSecret secret) {
        return new EndpointSecret(secret.verificationKey(), secret.type());
    }

    /**
     * The secret a request asks for: the one it supplies ({@code whsec_…} or {@code whsk_…}, whose prefix must agree
     * with a given type), or a generated one of the given type (or {@code defaultType}). Null after a failed check.
     */
    private static SigningSecret newSecret(
            Checks checks, String keyField, String key, String typeField, String type, String defaultType) {
        if (type != null && !type.equals(SigningSecret.HMAC) && !type.equals(SigningSecret.ED25519)) {
            checks.fail(typeField, "must be hmac or ed25519");
            return null;
        }
        if (key == null) {
            return SigningSecret.generate(type != null ? type : defaultType);
        }
        try {
            SigningSecret parsed = SigningSecret.parse(key);
            if (type != null && !type.equals(parsed.type())) {
                checks.fail(typeField, "is " + type + " but the " + keyField + " is an " + parsed.type() + " key");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            checks.fail(keyField, e.getMessage());
            return null;
        }
    }

    private void insertSecret(Handle h, String endpointId, SigningSecret secret, Instant now) {
        h.attach(SecretDao.class)
                .insert(
                        Ids.next(Ids.SECRET),
                        endpointId,
                        secret.type(),
                        secretBox.keyId(),
                        secretBox.encrypt(secret.key()),
                        secret.publicKey(),
                        now);
    }

    private static String[] array(List<String> values) {
        return values == null ? new String[0] : values.toArray(String[]::new);
    }

    private static String[] arrayOrNull(List<String> values) {
        return values == null ? null : values.toArray(String[]::new);
    }

    /**
     * Runs a write that answers the operational deliveries it stored, and queues them once it has committed; a uid
     * taken already is a 409.
     */
    private void reporting(Supplier<List<DeliveryRef>> write) {
        List<DeliveryRef> operational;
        try {
            operational = write.get();
        } catch (UnableToExecuteStatementException e) {
            if (Checks.isUniqueViolation(e)) {
                throw ApiException.conflict("an endpoint with this uid exists already in this tenant", "uid");
            }
            throw e;
        }
        OperationalEvents.enqueue(queue, operational);
    }
}
