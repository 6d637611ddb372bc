package dev.hookline.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.server.delivery.Scenario;
import dev.hookline.server.testing.RawHttp;
import dev.hookline.server.testing.TestApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Per-key token buckets: a key over its rate gets 429 with Retry-After; other keys and the operator do not. */
class RateLimitTest {
    private static final int PER_SECOND = 5;
    private static final int BURST = 20;

    @RegisterExtension
    static final TestApp app = new TestApp(c -> {
        c.limits.requestsPerSecondPerKey = PER_SECOND;
        c.limits.burstPerKey = BURST;
    });

    @Test
    void aKeyOverItsRateGets429WithRetryAfterWhileOtherKeysAndTheOperatorGoOn() {
        // given two tenants with a key each
        String greedy = key(Scenario.tenant(app, "greedy"));
        String calm = key(Scenario.tenant(app, "calm"));
        RawHttp http = app.raw();

        // when one key makes twice its burst in requests at once
        List<RawHttp.Response> answers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 2 * BURST; i++) {
            answers.add(http.call("GET", "/v1/tenants/greedy/endpoints", greedy, null));
        }

        // then the burst passes and the rest is refused with the error body and a Retry-After of whole seconds
        double seconds = (System.nanoTime() - start) / 1e9;
        long ok = answers.stream().filter(r -> r.status() == 200).count();
        List<RawHttp.Response> refused =
                answers.stream().filter(r -> r.status() == 429).toList();
        assertThat(ok).isBetween((long) BURST, (long) (BURST + Math.ceil(seconds * PER_SECOND))); // + the refill
        assertThat(ok + refused.size()).isEqualTo(2L * BURST);
        RawHttp.Response first = refused.get(0);
        assertThat(first.json().path("code").asInt()).isEqualTo(429);
        assertThat(first.json().path("error").asText()).isEqualTo("rate_limited");
        assertThat(first.json().path("message").asText()).contains(PER_SECOND + " per second");
        assertThat(first.headers().get("retry-after"))
                .singleElement()
                .satisfies(v -> assertThat(Integer.parseInt(v)).isBetween(1, 2));
        assertThat(first.body()).doesNotContain(greedy);

        // and another tenant's key and the admin key are not affected
        assertThat(http.call("GET", "/v1/tenants/calm/endpoints", calm, null).status())
                .isEqualTo(200);
        for (int i = 0; i < 3 * BURST; i++) {
            assertThat(http.call("GET", "/v1/tenants/greedy", TestApp.ADMIN_KEY, null)
                            .status())
                    .isEqualTo(200);
        }

        // and once the bucket refills the greedy key works again
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> http.call("GET", "/v1/tenants/greedy/endpoints", greedy, null)
                                .status()
                        == 200);
        Reliability.report("rate-limit", "requests", answers.size(), "ok", ok, "limited", refused.size(), "5xx", 0);
    }

    @Test
    void keysSentAsAccessTokenHaveABucketEachToo() {
        // given two tenants whose keys come as ?access_token= (which Dropwizard's filter accepts) instead of a header
        String first = key(Scenario.tenant(app, "token-a"));
        String second = key(Scenario.tenant(app, "token-b"));
        RawHttp http = app.raw();

        // when the first key spends more than its burst
        long limited = 0;
        for (int i = 0; i < 2 * BURST; i++) {
            if (http.call("GET", "/v1/tenants/token-a/endpoints?access_token=" + first, null, null)
                            .status()
                    == 429) {
                limited++;
            }
        }

        // then it is limited, and the second key, on a bucket of its own, is not
        assertThat(limited).isPositive();
        assertThat(http.call("GET", "/v1/tenants/token-b/endpoints?access_token=" + second, null, null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aPortalSessionTokenHasABucketOfItsOwnLikeAnApiKey() {
        // given a tenant, its key, and a portal session of it
        Scenario s = Scenario.tenant(app, "portal-rate");
        String key = key(s);
        String token = app.client(key)
                .portalSessions()
                .create("portal-rate", dev.hookline.sdk.model.PortalSessionIn.readOnly())
                .token();
        RawHttp http = app.raw();

        // when the token spends more than its burst
        long limited = 0;
        for (int i = 0; i < 2 * BURST; i++) {
            if (http.call("GET", "/v1/tenants/portal-rate/endpoints", token, null)
                            .status()
                    == 429) {
                limited++;
            }
        }

        // then it is limited, and the tenant's key, on a bucket of its own, is not
        assertThat(limited).isPositive();
        assertThat(http.call("GET", "/v1/tenants/portal-rate/endpoints", key, null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aWrongKeyIsRefusedWith401BeforeAnyBucketIsTaken() {
        RawHttp.Response r = app.raw().call("GET", "/v1/tenants", "hk_not-a-real-key-at-all-0123456789abcdefgh", null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().path("error").asText()).isEqualTo("unauthorized");
    }

    private static String key(Scenario s) {
        return app.adminClient()
                .apiKeys()
                .create(s.tenant(), new dev.hookline.sdk.model.ApiKeyIn("rate"))
                .key();
    }
}
