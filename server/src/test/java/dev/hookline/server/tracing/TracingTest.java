package dev.hookline.server.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.core.testing.TestReceiver;
import dev.hookline.core.testing.TestReceiver.Answer;
import dev.hookline.core.testing.TestReceiver.Received;
import dev.hookline.server.delivery.Scenario;
import dev.hookline.server.testing.TestApp;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With tracing on (here through the SDK's in-memory exporter instead of OTLP): the send request and its storage are
 * spans in the sender's trace, and the delivery's spans (queue wait, claim, HTTP request with its status, attempt
 * record) form a trace of their own, linked to the send's, whose context the receiver gets as {@code traceparent}.
 */
class TracingTest {
    static final String SENDER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String SENDER_SPAN = "00f067aa0ba902b7";

    static final InMemorySpanExporter exporter = InMemorySpanExporter.create();

    @RegisterExtension
    static final TestApp app = new TestApp(c -> c.operations.spanExporter = exporter);

    @AutoClose
    static final TestReceiver receiver = TestReceiver.start();

    @Test
    void sendAndDeliveryAreTracedAndTheDeliveryLinksToTheSend() {
        // given an endpoint that answers 200
        receiver.otherwiseAnswer(r -> Answer.status(200));
        Scenario s = Scenario.tenant(app, "tracing");
        s.endpoint(receiver.url("/traced"));

        // when a message is sent with a traceparent
        var response = app.raw()
                .send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/tenants/tracing/messages"))
                        .header("Authorization", "Bearer " + TestApp.ADMIN_KEY)
                        .header("Content-Type", "application/json")
                        .header("traceparent", "00-" + SENDER_TRACE + "-" + SENDER_SPAN + "-01")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"eventType\":\"trace.test\",\"payload\":{\"n\":1}}"))
                        .build());
        assertThat(response.status()).isEqualTo(202);

        // then, once delivered and recorded, the spans are all there
        await().atMost(Duration.ofSeconds(30)).until(() -> names().contains("hookline.delivery"));
        Map<String, SpanData> byName = exporter.getFinishedSpanItems().stream()
                .collect(Collectors.toMap(SpanData::getName, Function.identity(), (a, b) -> a));
        SpanData send = byName.get("POST /v1/tenants/{tenant}/messages");
        assertThat(send).isNotNull();
        assertThat(send.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(send.getTraceId()).isEqualTo(SENDER_TRACE);
        assertThat(send.getParentSpanId()).isEqualTo(SENDER_SPAN);
        assertThat(send.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                .isEqualTo(202L);
        SpanData store = byName.get("hookline.message.store");
        assertThat(store.getParentSpanId()).isEqualTo(send.getSpanId());

        SpanData delivery = byName.get("hookline.delivery");
        assertThat(delivery.getTraceId()).isNotEqualTo(SENDER_TRACE);
        assertThat(delivery.getLinks()).anySatisfy(link -> {
            assertThat(link.getSpanContext().getTraceId()).isEqualTo(SENDER_TRACE);
            assertThat(link.getSpanContext().getSpanId()).isEqualTo(send.getSpanId());
        });
        assertThat(delivery.getAttributes().get(AttributeKey.stringKey("hookline.outcome")))
                .isEqualTo("succeeded");
        for (String child : List.of("hookline.queue.wait", "hookline.claim", "POST", "hookline.attempt.record")) {
            SpanData span = byName.get(child);
            assertThat(span).as(child).isNotNull();
            assertThat(span.getTraceId()).as(child).isEqualTo(delivery.getTraceId());
            assertThat(span.getParentSpanId()).as(child).isEqualTo(delivery.getSpanId());
        }
        SpanData http = byName.get("POST");
        assertThat(http.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(http.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                .isEqualTo(200L);

        // and the receiver got the HTTP span's context as its traceparent
        Received received = receiver.receivedOn("/traced").get(0);
        assertThat(received.header("traceparent"))
                .isEqualTo("00-" + delivery.getTraceId() + "-" + http.getSpanId() + "-"
                        + http.getSpanContext().getTraceFlags().asHex());
        assertThat(http.getSpanContext().isSampled()).isTrue();
    }

    private static List<String> names() {
        return exporter.getFinishedSpanItems().stream().map(SpanData::getName).toList();
    }
}
