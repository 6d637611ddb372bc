package dev.hookline.server.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.core.ids.Ids;
import dev.hookline.core.messages.IngestSql;
import dev.hookline.core.messages.MessageDao;
import dev.hookline.core.retention.PartitionDao;
import dev.hookline.sdk.ConflictException;
import dev.hookline.sdk.HooklineClient;
import dev.hookline.sdk.MessageListParams;
import dev.hookline.sdk.NotFoundException;
import dev.hookline.sdk.model.ApiKeyIn;
import dev.hookline.sdk.model.Delivery;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.Message;
import dev.hookline.sdk.model.TenantIn;
import dev.hookline.server.testing.TestApp;
import java.nio.charset.StandardCharsets;
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

/** Reading messages back: filters, paging, one message with or without its (expired) payload, its deliveries. */
class MessageLogTest {
    @RegisterExtension
    static final TestApp app = new TestApp(c -> c.delivery.workerEnabled = false);

    record Seeded(String id, String eventType, List<String> channels, Instant createdAt) {}

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    static final List<Seeded> acme = new ArrayList<>();
    static HooklineClient admin;
    static HooklineClient acmeClient;
    static HooklineClient globexClient;
    static String acmeId;

    @BeforeAll
    static void seed() {
        admin = app.adminClient();
        admin.tenants().create(new TenantIn("Acme", "acme", null));
        admin.tenants().create(new TenantIn("Globex", "globex", null));
        acmeClient =
                app.client(admin.apiKeys().create("acme", new ApiKeyIn("log")).key());
        globexClient =
                app.client(admin.apiKeys().create("globex", new ApiKeyIn("log")).key());
        acmeId = admin.tenants().get("acme").id();
        app.env()
                .jdbi()
                .useExtension(
                        PartitionDao.class,
                        dao -> dao.ensure(
                                PartitionDao.MESSAGES, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(7))));
        // 30 messages over the last 15 days, 3 event types, channels "eu" / "us" / none
        for (int i = 0; i < 30; i++) {
            Instant at = NOW.minus(Duration.ofHours(12L * (30 - i)));
            List<String> channels = switch (i % 3) {
                case 0 -> List.of("eu");
                case 1 -> List.of("us", "eu");
                default -> List.of();
            };
            Seeded m = new Seeded(Ids.next(Ids.MESSAGE, at.toEpochMilli()), "type." + (i % 3), channels, at);
            acme.add(m);
            app.env()
                    .jdbi()
                    .useHandle(h -> IngestSql.store(
                            h.getConnection(),
                            List.of(new IngestSql.NewMessage(
                                    m.id(),
                                    acmeId,
                                    m.eventType(),
                                    null,
                                    m.channels(),
                                    ("{\"n\":" + m.id().length() + "}").getBytes(StandardCharsets.UTF_8))),
                            List.of(),
                            m.createdAt()));
        }
    }

    @Test
    void eachFilterAndTheirCombinationReturnExactlyTheMatchingMessagesNewestFirst() {
        Instant since = NOW.minus(Duration.ofDays(10));
        Instant until = NOW.minus(Duration.ofDays(3));
        assertLists(MessageListParams.builder(), m -> true);
        assertLists(
                MessageListParams.builder().eventType("type.1"),
                m -> m.eventType().equals("type.1"));
        assertLists(MessageListParams.builder().channel("us"), m -> m.channels().contains("us"));
        assertLists(
                MessageListParams.builder().since(since), m -> !m.createdAt().isBefore(since));
        assertLists(MessageListParams.builder().until(until), m -> m.createdAt().isBefore(until));
        assertLists(
                MessageListParams.builder()
                        .eventType("type.0")
                        .channel("eu")
                        .since(since)
                        .until(until),
                m -> m.eventType().equals("type.0")
                        && m.channels().contains("eu")
                        && !m.createdAt().isBefore(since)
                        && m.createdAt().isBefore(until));
    }

    @Test
    void smallPagesVisitEveryMessageOnce() {
        List<String> paged = StreamSupport.stream(
                        acmeClient
                                .messages()
                                .listAll(
                                        "acme",
                                        MessageListParams.builder().limit(4).build())
                                .spliterator(),
                        false)
                .map(Message::id)
                .toList();
        assertThat(paged).containsExactlyElementsOf(expected(m -> true));
    }

    @Test
    void aMessageKeepsItsRowButLosesItsPayloadAfterPayloadRetention() {
        // given one message older than the payload retention and one younger
        Seeded old = acme.get(0);
        Seeded recent = acme.get(29);
        assertThat(acmeClient.messages().get("acme", old.id()).payloadExpired()).isFalse();
        // when payloads older than 5 days expire
        app.env().jdbi().useExtension(MessageDao.class, dao -> dao.expirePayloads(NOW.minus(Duration.ofDays(5)), 1000));
        // then the old message is still there, marked, without payload; the recent one is untouched
        Message expired = acmeClient.messages().get("acme", old.id());
        assertThat(expired.payloadExpired()).isTrue();
        assertThat(expired.payload() == null || expired.payload().isNull())
                .as("payload is null")
                .isTrue();
        assertThat(expired.eventType()).isEqualTo(old.eventType());
        Message kept = acmeClient.messages().get("acme", recent.id());
        assertThat(kept.payloadExpired()).isFalse();
        assertThat(kept.payload().get("n").asInt()).isEqualTo(recent.id().length());
        // and an expired message cannot be resent
        Endpoint endpoint = acmeClient
                .endpoints()
                .create("acme", EndpointIn.builder("http://127.0.0.1:9/x").build());
        assertThatThrownBy(() -> acmeClient.messages().resend("acme", old.id(), endpoint.id()))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.errorMessage()).contains("payload has expired"));
    }

    @Test
    void deliveriesListOneRowPerEndpointTheMessageWasRoutedTo() {
        Endpoint a = acmeClient
                .endpoints()
                .create("acme", EndpointIn.builder("http://127.0.0.1:9/a").build());
        Endpoint b = acmeClient
                .endpoints()
                .create("acme", EndpointIn.builder("http://127.0.0.1:9/b").build());
        Seeded m = acme.get(20);
        app.env()
                .jdbi()
                .useHandle(h -> IngestSql.store(
                        h.getConnection(),
                        List.of(),
                        List.of(
                                new IngestSql.NewDelivery(Ids.next(Ids.DELIVERY), acmeId, m.id(), a.id()),
                                new IngestSql.NewDelivery(Ids.next(Ids.DELIVERY), acmeId, m.id(), b.id())),
                        m.createdAt()));

        List<Delivery> deliveries =
                acmeClient.messages().deliveries("acme", m.id()).data();

        assertThat(deliveries).extracting(Delivery::endpointId).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(deliveries).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo("pending");
            assertThat(d.attempts()).isZero();
            assertThat(d.nextAttemptAt()).isEqualTo(m.createdAt());
        });
    }

    @Test
    void anotherTenantsMessageIsNotFound() {
        String id = acme.get(5).id();
        assertThatThrownBy(() -> globexClient.messages().get("globex", id)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> globexClient.messages().get("acme", id)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> globexClient.messages().deliveries("globex", id))
                .isInstanceOf(NotFoundException.class);
        assertThat(globexClient
                        .messages()
                        .list("globex", MessageListParams.none())
                        .data())
                .isEmpty();
    }

    private static void assertLists(MessageListParams.Builder params, Predicate<Seeded> filter) {
        assertThat(acmeClient.messages().list("acme", params.limit(250).build()).data())
                .extracting(Message::id)
                .containsExactlyElementsOf(expected(filter));
    }

    private static List<String> expected(Predicate<Seeded> filter) {
        List<String> ids = acme.stream()
                .filter(filter)
                .map(Seeded::id)
                .sorted(Comparator.reverseOrder())
                .toList();
        assertThat(ids).as("the seed covers this case").isNotEmpty();
        return ids;
    }
}
