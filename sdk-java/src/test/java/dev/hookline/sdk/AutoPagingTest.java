package dev.hookline.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.Page;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AutoPagingTest {
    private final FakeHookline server = new FakeHookline();
    private final HooklineClient client = server.client(new ArrayList<>());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void walksThreePagesFollowingTheIteratorUntilDone() {
        server.answer(200, page("\"ep_1\",\"ep_2\"", "it_a", false))
                .answer(200, page("\"ep_3\"", "it_b", false))
                .answer(200, page("\"ep_4\",\"ep_5\"", "it_c", true));

        List<String> ids =
                client.endpoints().listAll("acme").stream().map(Endpoint::id).toList();

        assertThat(ids).containsExactly("ep_1", "ep_2", "ep_3", "ep_4", "ep_5");
        assertThat(server.requests())
                .extracting(FakeHookline.Recorded::query)
                .containsExactly(null, "iterator=it_a", "iterator=it_b");
    }

    @Test
    void fetchesTheNextPageOnlyWhenItIsNeeded() {
        server.answer(200, page("\"ep_1\",\"ep_2\"", "it_a", false)).answer(200, page("\"ep_3\"", "it_b", true));

        Iterator<Endpoint> it = client.endpoints().listAll("acme").iterator();
        it.next();
        it.next();

        assertThat(server.requests()).hasSize(1);
        assertThat(it.next().id()).isEqualTo("ep_3");
        assertThat(server.requests()).hasSize(2);
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void skipsAnEmptyPageThatIsNotTheLast() {
        server.answer(200, page("", "it_a", false)).answer(200, page("\"ep_1\"", null, true));

        assertThat(client.endpoints().listAll("acme").stream().map(Endpoint::id))
                .containsExactly("ep_1");
    }

    @Test
    void keepsTheFiltersOnEveryPage() {
        server.answer(200, "{\"data\":[{\"id\":\"msg_1\"}],\"iterator\":\"it_a\",\"done\":false}")
                .answer(200, "{\"data\":[{\"id\":\"msg_2\"}],\"iterator\":\"it_b\",\"done\":true}");

        List<String> ids = new ArrayList<>();
        client.messages()
                .listAll(
                        "acme",
                        MessageListParams.builder()
                                .eventType("invoice.paid")
                                .limit(1)
                                .build())
                .forEach(m -> ids.add(m.id()));

        assertThat(ids).containsExactly("msg_1", "msg_2");
        assertThat(server.requests())
                .extracting(FakeHookline.Recorded::query)
                .containsExactly("eventType=invoice.paid&limit=1", "eventType=invoice.paid&limit=1&iterator=it_a");
    }

    @Test
    void stopsWhenAPageHasNoIteratorEvenIfNotMarkedDone() {
        List<String> asked = new ArrayList<>();
        AutoPagingIterable<String> items = new AutoPagingIterable<>(iterator -> {
            asked.add(String.valueOf(iterator));
            return new Page<>(List.of("a"), null, false);
        });

        assertThat(items.stream().toList()).containsExactly("a");
        assertThat(asked).containsExactly("null");
    }

    @Test
    void startsOverForEachIteration() {
        server.answer(200, page("\"ep_1\"", null, true)).answer(200, page("\"ep_1\"", null, true));
        AutoPagingIterable<Endpoint> all = client.endpoints().listAll("acme");

        assertThat(all.stream().count()).isEqualTo(1);
        assertThat(all.stream().count()).isEqualTo(1);
        assertThat(server.requests()).hasSize(2);
    }

    private static String page(String quotedIds, String iterator, boolean done) {
        StringBuilder data = new StringBuilder();
        for (String id : quotedIds.isEmpty() ? new String[0] : quotedIds.split(",")) {
            data.append(data.length() == 0 ? "" : ",")
                    .append("{\"id\":")
                    .append(id)
                    .append(",\"url\":\"https://r.example\"}");
        }
        return "{\"data\":[" + data + "],\"iterator\":" + (iterator == null ? "null" : "\"" + iterator + "\"")
                + ",\"done\":" + done + "}";
    }
}
