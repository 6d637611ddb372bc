package dev.hookline.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.core.testing.TestReceiver;
import dev.hookline.core.testing.TestReceiver.Answer;
import dev.hookline.core.testing.TestReceiver.Received;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.MessageIn;
import dev.hookline.server.testing.TestApp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Endpoints on one host and port each have their own in-flight cap ({@code perEndpointInFlight}, pinned at 20 here,
 * so each endpoint's adaptive limit stays at it) and share no lower one: the outbound client's connections to a host
 * are not the limit, so eight endpoints of one receiver get up to 160 requests at once, not 20 between them.
 */
class SharedHostTest {
    private static final Duration HOLD = Duration.ofMillis(1_000);
    private static final int ENDPOINTS = 8;
    private static final int PER_ENDPOINT = 20;

    @RegisterExtension
    static final TestApp app = new TestApp(c -> {
        c.delivery.requestTimeoutSeconds = 10;
        c.delivery.perEndpointInFlight = PER_ENDPOINT;
    });

    @AutoClose
    static final TestReceiver receiver =
            TestReceiver.start().otherwiseAnswer(r -> Answer.status(200).after(HOLD));

    @Test
    void endpointsOnOneHostEachGetTheirOwnInFlightCap() throws Exception {
        // given eight endpoints at paths of one receiver that holds every request for a second
        Scenario s = Scenario.tenant(app, "shared-host");
        for (int i = 0; i < ENDPOINTS; i++) {
            s.endpoint(EndpointIn.builder(receiver.url("/e" + i))
                    .eventTypes(List.of("host.e" + i))
                    .build());
        }

        // when each endpoint gets twice its cap of messages at once
        for (int i = 0; i < ENDPOINTS; i++) {
            List<MessageIn> batch = new ArrayList<>();
            for (int m = 0; m < 2 * PER_ENDPOINT; m++) {
                batch.add(MessageIn.of("host.e" + i, Scenario.payload("{\"m\":" + m + "}")));
            }
            s.client().messages().sendBatch(s.tenant(), batch);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() >= 2 * ENDPOINTS * PER_ENDPOINT);

        // then the receiver held far more than one endpoint's cap at once, and never more than every endpoint's
        List<Received> requests = receiver.received();
        long peak = peakOpen(requests);
        long peakOneEndpoint =
                peakOpen(requests.stream().filter(r -> r.path().equals("/e0")).toList());
        System.out.printf(
                "shared host: %d requests, at most %d open at once, %d for one endpoint%n",
                requests.size(), peak, peakOneEndpoint);
        assertThat(peak).as("requests open at once").isGreaterThan(3L * PER_ENDPOINT);
        assertThat(peak).isLessThanOrEqualTo((long) ENDPOINTS * PER_ENDPOINT);
        assertThat(peakOneEndpoint).as("one endpoint's requests open at once").isLessThanOrEqualTo(PER_ENDPOINT);
    }

    /** The most requests the receiver held at once, each held for {@link #HOLD} from its arrival. */
    private static long peakOpen(List<Received> requests) {
        long peak = 0;
        for (Received r : requests) {
            Instant at = r.at();
            Instant from = at.minus(HOLD);
            long open = requests.stream()
                    .filter(o -> o.at().isAfter(from) && !o.at().isAfter(at))
                    .count();
            peak = Math.max(peak, open);
        }
        return peak;
    }
}
