package dev.hookline.server.attempts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.core.attempts.AttemptRow;
import dev.hookline.core.attempts.AttemptSql;
import dev.hookline.core.ids.Ids;
import dev.hookline.core.retention.PartitionDao;
import dev.hookline.sdk.AttemptListParams;
import dev.hookline.sdk.HooklineClient;
import dev.hookline.sdk.MessageListParams;
import dev.hookline.sdk.NotFoundException;
import dev.hookline.sdk.ValidationException;
import dev.hookline.sdk.model.ApiKeyIn;
import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.EndpointStats;
import dev.hookline.sdk.model.ErrorBody;
import dev.hookline.sdk.model.Page;
import dev.hookline.sdk.model.TenantIn;
import dev.hookline.server.testing.TestApp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The attempt log read through the API: every filter, their combinations, paging, iterators and tenant scoping. */
class AttemptLogQueriesTest {
    @RegisterExtension
    static final TestApp app = new TestApp(c -> c.delivery.workerEnabled = false);

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    static final Integer[] CODES = {200, 200, 302, 404, 500, null};
    static final List<AttemptRow> acme = new ArrayList<>();
    static HooklineClient admin;
    static HooklineClient acmeClient;
    static HooklineClient globexClient;
    static List<Endpoint> endpoints;
    static String globexAttempt;

    @BeforeAll
    static void seed() {
        admin = app.adminClient();
        admin.tenants().create(new TenantIn("Acme", "acme", null));
        admin.tenants().create(new TenantIn("Globex", "globex", null));
        acmeClient =
                app.client(admin.apiKeys().create("acme", new ApiKeyIn("log")).key());
        globexClient =
                app.client(admin.apiKeys().create("globex", new ApiKeyIn("log")).key());
        endpoints = List.of(endpoint("acme", "ep-a"), endpoint("acme", "ep-b"), endpoint("acme", "ep-c"));
        String acmeId = admin.tenants().get("acme").id();
        String globexId = admin.tenants().get("globex").id();
        app.env().jdbi().useExtension(PartitionDao.class, dao -> {
            dao.ensure(PartitionDao.ATTEMPTS, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(7)));
            dao.ensure(PartitionDao.MESSAGES, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(7)));
        });
        // 90 attempts over the last 15 days: 3 endpoints, 5 messages, 2 event types, every outcome class.
        for (int i = 0; i < 90; i++) {
            Instant at = NOW.minus(Duration.ofHours(4L * (90 - i)));
            Integer code = CODES[i % CODES.length];
            boolean ok = code != null && code / 100 == 2;
            acme.add(row(
                    acmeId,
                    endpoints.get(i % 3).id(),
                    "msg_" + (i % 5),
                    i % 2 == 0 ? "invoice.paid" : "user.created",
                    code,
                    ok,
                    10 + i,
                    at));
        }
        AttemptRow other = row(globexId, endpoints.get(0).id(), "msg_0", "invoice.paid", 500, false, 7, NOW);
        globexAttempt = other.id();
        List<AttemptRow> all = new ArrayList<>(acme);
        all.add(other);
        app.env().jdbi().useHandle(h -> AttemptSql.insertAll(h.getConnection(), all));
    }

    @Test
    void eachFilterAloneReturnsExactlyTheMatchingAttemptsNewestFirst() {
        Endpoint b = endpoints.get(1);
        assertLists(
                AttemptListParams.builder().endpointId(b.id()),
                r -> r.endpointId().equals(b.id()));
        assertLists(
                AttemptListParams.builder().endpointId("ep-b"),
                r -> r.endpointId().equals(b.id()));
        assertLists(
                AttemptListParams.builder().messageId("msg_3"),
                r -> r.messageId().equals("msg_3"));
        assertLists(
                AttemptListParams.builder().status("failed"), r -> r.status().equals("failed"));
        assertLists(
                AttemptListParams.builder().status("succeeded"), r -> r.status().equals("succeeded"));
        assertLists(AttemptListParams.builder().statusCodeClass(200), r -> codeClass(r) == 200);
        assertLists(AttemptListParams.builder().statusCodeClass(300), r -> codeClass(r) == 300);
        assertLists(AttemptListParams.builder().statusCodeClass(400), r -> codeClass(r) == 400);
        assertLists(AttemptListParams.builder().statusCodeClass(500), r -> codeClass(r) == 500);
        assertLists(AttemptListParams.builder().statusCodeClass(0), r -> r.responseStatusCode() == null);
        assertLists(
                AttemptListParams.builder().eventType("user.created"),
                r -> r.eventType().equals("user.created"));
        Instant since = NOW.minus(Duration.ofDays(3));
        Instant until = NOW.minus(Duration.ofDays(1));
        assertLists(
                AttemptListParams.builder().since(since), r -> !r.createdAt().isBefore(since));
        assertLists(AttemptListParams.builder().until(until), r -> r.createdAt().isBefore(until));
    }

    @Test
    void filtersCombine() {
        String a = endpoints.get(0).id();
        Instant since = NOW.minus(Duration.ofDays(9));
        Instant until = NOW.minus(Duration.ofDays(2));
        assertLists(
                AttemptListParams.builder().endpointId(a).status("failed").since(since),
                r -> r.endpointId().equals(a)
                        && r.status().equals("failed")
                        && !r.createdAt().isBefore(since));
        String b = endpoints.get(1).id();
        String c = endpoints.get(2).id();
        assertLists(
                AttemptListParams.builder().endpointId(b).statusCodeClass(500).eventType("invoice.paid"),
                r -> r.endpointId().equals(b)
                        && codeClass(r) == 500
                        && r.eventType().equals("invoice.paid"));
        assertLists(
                AttemptListParams.builder()
                        .messageId("msg_1")
                        .status("succeeded")
                        .since(since)
                        .until(until),
                r -> r.messageId().equals("msg_1")
                        && r.status().equals("succeeded")
                        && !r.createdAt().isBefore(since)
                        && r.createdAt().isBefore(until));
        assertLists(
                AttemptListParams.builder()
                        .endpointId(c)
                        .messageId("msg_2")
                        .status("failed")
                        .statusCodeClass(0)
                        .eventType("user.created")
                        .since(since)
                        .until(until),
                r -> r.endpointId().equals(c)
                        && r.messageId().equals("msg_2")
                        && r.status().equals("failed")
                        && r.responseStatusCode() == null
                        && r.eventType().equals("user.created")
                        && !r.createdAt().isBefore(since)
                        && r.createdAt().isBefore(until));
    }

    @Test
    void statusCodeClassAlsoAcceptsTheXxAndNoneSpellings() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        for (String spelling : List.of("5xx", "none", "4XX")) {
            var response = http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                    app.baseUrl() + "/v1/tenants/acme/attempts?limit=250&statusCodeClass=" + spelling))
                            .header("Authorization", "Bearer " + TestApp.ADMIN_KEY)
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(spelling).isEqualTo(200);
        }
        int viaXx = acmeClient
                .attempts()
                .list(
                        "acme",
                        AttemptListParams.builder()
                                .statusCodeClass(500)
                                .limit(250)
                                .build())
                .data()
                .size();
        assertThat(viaXx)
                .isEqualTo((int) acme.stream().filter(r -> codeClass(r) == 500).count());
    }

    @Test
    void badFilterValuesAreA400NamingTheField() {
        assertField(AttemptListParams.builder().status("ok"), "status");
        assertField(AttemptListParams.builder().statusCodeClass(600), "statusCodeClass");
        assertField(AttemptListParams.builder().limit(0), "limit");
        assertField(AttemptListParams.builder().since(NOW).until(NOW.minusSeconds(1)), "until");
    }

    @Test
    void pagingVisitsEveryAttemptOnceEvenWhileNewAttemptsArrive() {
        // given the first page of a long list
        AttemptListParams params = AttemptListParams.builder().limit(7).build();
        Page<Attempt> page = acmeClient.attempts().list("acme", params);
        List<String> seen =
                new ArrayList<>(page.data().stream().map(Attempt::id).toList());
        // when new attempts are logged between every page
        String acmeId = admin.tenants().get("acme").id();
        while (!page.done()) {
            AttemptRow fresh =
                    row(acmeId, endpoints.get(0).id(), "msg_new", "invoice.paid", 200, true, 5, Instant.now());
            app.env().jdbi().useHandle(h -> AttemptSql.insertAll(h.getConnection(), List.of(fresh)));
            page = acmeClient.attempts().list("acme", params.withIterator(page.iterator()));
            seen.addAll(page.data().stream().map(Attempt::id).toList());
        }
        // then the pages held exactly the attempts that existed at the start: no duplicates, no gaps
        assertThat(seen).containsExactlyElementsOf(expected(r -> true));
    }

    @Test
    void autoPagingWithSmallPagesEqualsOneBigPage() {
        AttemptListParams params = AttemptListParams.builder()
                .endpointId(endpoints.get(2).id())
                .limit(4)
                .build();
        List<String> paged = StreamSupport.stream(
                        acmeClient.attempts().listAll("acme", params).spliterator(), false)
                .map(Attempt::id)
                .toList();
        assertThat(paged)
                .containsExactlyElementsOf(
                        expected(r -> r.endpointId().equals(endpoints.get(2).id())));
    }

    @Test
    void aForgedEditedOrBorrowedIteratorIsA400NamingIterator() {
        String iterator = acmeClient
                .attempts()
                .list("acme", AttemptListParams.builder().limit(3).build())
                .iterator();
        assertThat(iterator).doesNotContain("atm_"); // opaque
        // Edit a middle character: the last one of base64 may carry only padding bits and decode to the same bytes.
        int mid = iterator.length() / 2;
        char c = iterator.charAt(mid);
        String edited = iterator.substring(0, mid) + (c == 'A' ? 'B' : 'A') + iterator.substring(mid + 1);
        String rawId = acme.get(acme.size() - 5).id();
        for (String bad : List.of(edited, rawId, "not-base64!", "AAAA")) {
            assertField(AttemptListParams.builder().iterator(bad), "iterator");
        }
        // an iterator is valid only for the list that issued it: not another tenant's, not another resource's
        assertThatThrownBy(() -> admin.attempts()
                        .list(
                                "globex",
                                AttemptListParams.builder().iterator(iterator).build()))
                .isInstanceOfSatisfying(
                        ValidationException.class, e -> assertThat(fields(e)).containsExactly("iterator"));
        assertThatThrownBy(() -> acmeClient
                        .messages()
                        .list(
                                "acme",
                                MessageListParams.builder().iterator(iterator).build()))
                .isInstanceOfSatisfying(
                        ValidationException.class, e -> assertThat(fields(e)).containsExactly("iterator"));
    }

    @Test
    void anotherTenantsAttemptIsNotFound() {
        assertThatThrownBy(() -> acmeClient.attempts().get("acme", globexAttempt))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> acmeClient.attempts().get("globex", globexAttempt))
                .isInstanceOf(NotFoundException.class);
        assertThat(globexClient.attempts().get("globex", globexAttempt).responseStatusCode())
                .isEqualTo(500);
        assertThat(acmeClient
                        .attempts()
                        .list("acme", AttemptListParams.builder().limit(250).build())
                        .data())
                .extracting(Attempt::id)
                .doesNotContain(globexAttempt);
        assertThatThrownBy(() -> globexClient
                        .endpoints()
                        .stats("globex", endpoints.get(0).id(), null, null))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void oneAttemptComesWithItsResponseBodyAndTheHeadersSent() {
        AttemptRow seeded = acme.get(10);
        Attempt attempt = acmeClient.attempts().get("acme", seeded.id());
        assertThat(attempt.responseBody()).isEqualTo(seeded.responseBody());
        assertThat(attempt.eventType()).isEqualTo(seeded.eventType());
        assertThat(attempt.requestHeaders())
                .containsEntry("webhook-id", seeded.messageId())
                .containsEntry("webhook-signature", "v1,<redacted>");
    }

    @Test
    void statsCountOutcomesAndClassesAndGiveLatencyPercentiles() {
        // given endpoint ep-a's attempts in the last 5 days
        Endpoint a = endpoints.get(0);
        Instant since = NOW.minus(Duration.ofDays(5));
        Instant until = NOW.plusSeconds(1);
        List<AttemptRow> rows = acme.stream()
                .filter(r -> r.endpointId().equals(a.id()) && !r.createdAt().isBefore(since))
                .toList();
        // when its statistics are asked for, by uid
        EndpointStats stats = acmeClient.endpoints().stats("acme", "ep-a", since, until);
        // then
        long ok = rows.stream().filter(r -> r.status().equals("succeeded")).count();
        assertThat(stats.total()).isEqualTo(rows.size());
        assertThat(stats.succeeded()).isEqualTo(ok);
        assertThat(stats.failed()).isEqualTo(rows.size() - ok);
        assertThat(stats.successRate()).isCloseTo((double) ok / rows.size(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(stats.byStatusClass())
                .containsEntry(
                        "2xx", rows.stream().filter(r -> codeClass(r) == 200).count())
                .containsEntry(
                        "3xx", rows.stream().filter(r -> codeClass(r) == 300).count())
                .containsEntry(
                        "4xx", rows.stream().filter(r -> codeClass(r) == 400).count())
                .containsEntry(
                        "5xx", rows.stream().filter(r -> codeClass(r) == 500).count())
                .containsEntry(
                        "none",
                        rows.stream()
                                .filter(r -> r.responseStatusCode() == null)
                                .count());
        List<Long> durations =
                rows.stream().map(r -> (long) r.durationMs()).sorted().toList();
        assertThat(stats.p50Ms()).isEqualTo(durations.get((int) Math.ceil(0.5 * durations.size()) - 1));
        assertThat(stats.p99Ms()).isEqualTo(durations.get((int) Math.ceil(0.99 * durations.size()) - 1));
        assertThat(stats.since()).isEqualTo(since);
    }

    @Test
    void statsOfAQuietWindowAreZeroWithoutPercentiles() {
        EndpointStats stats = acmeClient
                .endpoints()
                .stats("acme", "ep-a", NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(2)));
        assertThat(stats.total()).isZero();
        assertThat(stats.successRate()).isZero();
        assertThat(stats.p50Ms()).isNull();
        assertThat(stats.p99Ms()).isNull();
    }

    private static void assertLists(AttemptListParams.Builder params, Predicate<AttemptRow> filter) {
        List<Attempt> page =
                acmeClient.attempts().list("acme", params.limit(250).build()).data();
        assertThat(page)
                .extracting(Attempt::id)
                .as(params.build().toString())
                .containsExactlyElementsOf(expected(filter));
    }

    private static List<String> expected(Predicate<AttemptRow> filter) {
        List<String> ids = acme.stream()
                .filter(filter)
                .map(AttemptRow::id)
                .sorted(Comparator.reverseOrder())
                .toList();
        assertThat(ids).as("the seed covers this case").isNotEmpty();
        return ids;
    }

    private static void assertField(AttemptListParams.Builder params, String field) {
        assertThatThrownBy(() -> acmeClient.attempts().list("acme", params.build()))
                .isInstanceOfSatisfying(
                        ValidationException.class, e -> assertThat(fields(e)).containsExactly(field));
    }

    private static List<String> fields(ValidationException e) {
        return e.details().stream().map(ErrorBody.FieldError::field).toList();
    }

    private static int codeClass(AttemptRow r) {
        return r.responseStatusCode() == null ? 0 : r.responseStatusCode() / 100 * 100;
    }

    private static Endpoint endpoint(String tenant, String uid) {
        return admin.endpoints()
                .create(
                        tenant,
                        EndpointIn.builder("http://127.0.0.1:9/" + uid).uid(uid).build());
    }

    private static AttemptRow row(
            String tenantId,
            String endpointId,
            String messageId,
            String eventType,
            Integer code,
            boolean ok,
            int durationMs,
            Instant at) {
        return new AttemptRow(
                Ids.next(Ids.ATTEMPT, at.toEpochMilli()),
                tenantId,
                messageId,
                endpointId,
                "dlv_x",
                eventType,
                1,
                "scheduled",
                "http://127.0.0.1:9/",
                ok ? "succeeded" : "failed",
                code,
                code == null ? null : "answer " + code,
                false,
                durationMs,
                code == null ? "timeout" : null,
                at,
                "{\"webhook-id\":\"" + messageId + "\",\"webhook-signature\":\"v1,<redacted>\"}");
    }
}
