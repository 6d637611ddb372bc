package dev.hookline.server.portal.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.core.testing.TestReceiver;
import dev.hookline.sdk.HooklineClient;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.MessageIn;
import dev.hookline.sdk.model.TenantIn;
import dev.hookline.server.portal.page.PortalPages.EndpointPage;
import dev.hookline.server.portal.page.PortalPages.EndpointsPage;
import dev.hookline.server.portal.page.PortalPages.MessagePage;
import dev.hookline.server.portal.page.PortalPages.MessagesPage;
import dev.hookline.server.testing.Browser;
import dev.hookline.server.testing.RawHttp;
import dev.hookline.server.testing.TestApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * The tenant portal in headless Chromium against the whole application: a person opens a link, manages endpoints,
 * reads the log and fixes deliveries, within what the link's session allows. Nothing is stubbed: the page calls the
 * real API, and a real receiver gets the webhooks.
 */
class PortalBrowserTest {
    @RegisterExtension
    static final TestApp app = new TestApp(c -> c.delivery.retrySchedule = "0s");

    @RegisterExtension
    static final Browser browser = new Browser();

    static final TestReceiver receiver = TestReceiver.start();
    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicInteger tenants = new AtomicInteger();
    /** Where the documentation's screenshots go: docs/portal/ with -Dportal.docs=true, else target/. */
    static final Path SCREENSHOTS = Boolean.getBoolean("portal.docs")
            ? Path.of("..", "docs", "portal")
            : Path.of("target", "portal-screenshots");

    String tenant;
    HooklineClient admin;

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void newTenantAndADesktopWindow() {
        tenant = "t" + tenants.incrementAndGet();
        admin = app.adminClient();
        admin.tenants().create(new TenantIn("Acme " + tenant, tenant, null));
        browser.driver().get("about:blank"); // each test opens its link in a fresh page
        browser.driver().manage().window().setSize(Browser.DESKTOP);
        receiver.otherwiseAnswer(r -> TestReceiver.Answer.status(200));
    }

    // --- flows

    @Test
    void aPortalLinkOpensOnTheEndpointsListAndTakesTheTokenOutOfTheAddressBar() throws Exception {
        Endpoint endpoint = endpoint("/listed");
        brand("Acme Billing", "#0b7a75");
        Link link = mint("{\"permissions\":[\"read\"]}");

        EndpointsPage page = PortalPages.open(browser, app.baseUrl(), link.url());

        assertThat(page.urls()).containsExactly(endpoint.url());
        assertThat(browser.driver().getCurrentUrl())
                .doesNotContain(link.token())
                .endsWith("/portal/#/endpoints");
        assertThat(browser.driver()
                        .findElement(By.cssSelector("[data-brand-name]"))
                        .getText())
                .isEqualTo("Acme Billing");
        assertThat(browser.driver()
                        .executeScript(
                                "return getComputedStyle(document.documentElement).getPropertyValue('--accent')"))
                .isEqualTo("#0b7a75");
        assertThat(browser.driver()
                        .findElement(By.cssSelector("[data-endpoint] [data-success-rate]"))
                        .getText())
                .isEqualTo("—");
        assertNoConsoleErrors();
    }

    @Test
    void anEndpointCreatedInThePageGetsAMessageSentThroughTheApiAndTheLogShowsItDeliveredWithItsAttempt()
            throws Exception {
        String eventType = "invoice.paid." + tenant;
        RawHttp.Response described = app.raw()
                .call(
                        "POST",
                        "/v1/event-types",
                        TestApp.ADMIN_KEY,
                        "{\"name\":\"" + eventType + "\",\"description\":\"An invoice was paid\","
                                + "\"schema\":{\"type\":\"object\"}}");
        assertThat(described.status()).as(described.body()).isEqualTo(201);
        Link link = mint("{\"permissions\":[\"read\",\"manage_endpoints\",\"resend\"]}");
        EndpointsPage endpoints = PortalPages.open(browser, app.baseUrl(), link.url());

        // the catalogue shows the event type
        endpoints.nav("event-types");
        browser.await().until(d -> PortalPages.title(browser).equals("Event types"));
        assertThat(browser.driver()
                        .findElement(By.cssSelector("[data-event-type='" + eventType + "']"))
                        .getText())
                .contains("An invoice was paid");
        endpoints.nav("endpoints");
        endpoints = new EndpointsPage(browser);

        // when a person adds an endpoint in the page, subscribed to that event type
        String url = receiver.url("/created-" + tenant);
        EndpointPage created = endpoints
                .add()
                .url(url)
                .description("Billing")
                .subscribeTo(eventType)
                .header("X-Team", "billing")
                .rateLimit(50)
                .save();
        assertThat(created.url()).isEqualTo(url);
        String endpointId = created.id();
        Endpoint stored = admin.endpoints().get(tenant, endpointId);
        assertThat(stored.url()).isEqualTo(url);
        assertThat(stored.headers()).containsEntry("X-Team", "billing");
        assertThat(stored.rateLimit()).isEqualTo(50);
        assertThat(stored.eventTypes()).containsExactly(eventType);

        // and a message is sent through the API
        String messageId = admin.messages()
                .send(tenant, MessageIn.of(eventType, JSON.createObjectNode().put("invoice", 42)))
                .id();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> deliveryStatus(messageId).equals("succeeded"));

        // then the log lists it as delivered
        MessagesPage log = created.messages();
        assertThat(log.deliveryStatuses(messageId)).containsExactly("succeeded");

        // and its page shows the payload, the delivery and the attempt, signatures redacted
        MessagePage message = log.openMessage(messageId);
        assertThat(message.payload()).isEqualTo("{\n  \"invoice\": 42\n}");
        assertThat(message.deliveryStatus(endpointId)).isEqualTo("succeeded");
        assertThat(message.attempts(endpointId)).hasSize(1);
        WebElement attempt = message.openAttempt(endpointId, 0);
        assertThat(attempt.findElement(By.cssSelector("[data-response-status]")).getText())
                .isEqualTo("200");
        assertThat(attempt.findElement(By.cssSelector("[data-table='request-headers']"))
                        .getText())
                .contains("webhook-signature v1,<redacted>")
                .contains("X-Team billing")
                .contains("webhook-id " + messageId);
        screenshot("message");
        assertNoConsoleErrors();
    }

    @Test
    void anEndpointsPageSendsAnEventTypesExampleToThatEndpointOnlyAsATest() throws Exception {
        // given an event type with an example, and two endpoints that take every event type
        String eventType = "invoice.example." + tenant;
        RawHttp.Response described = app.raw()
                .call(
                        "POST",
                        "/v1/event-types",
                        TestApp.ADMIN_KEY,
                        "{\"name\":\"" + eventType + "\",\"schema\":{\"type\":\"object\"},"
                                + "\"examples\":[{\"invoice\":7}]}");
        assertThat(described.status()).as(described.body()).isEqualTo(201);
        Endpoint target = endpoint("/example-target");
        endpoint("/example-other");
        Link link = mint("{\"permissions\":[\"read\",\"resend\"]}");
        PortalPages.open(browser, app.baseUrl(), link.url());
        browser.driver().get(app.baseUrl() + "/portal/#/endpoints/" + target.id());

        // when the example is sent from the target's page
        String status = new EndpointPage(browser).sendExample(eventType);

        // then the target received it, with the example as its payload, and the other endpoint nothing
        assertThat(status).isEqualTo("succeeded");
        List<TestReceiver.Received> got = receiver.receivedOn("/example-target-" + tenant);
        assertThat(got).hasSize(1);
        assertThat(JSON.readTree(got.get(0).body()).path("invoice").asInt()).isEqualTo(7);
        assertThat(receiver.receivedOn("/example-other-" + tenant)).isEmpty();
        // and its attempt is logged as a test
        String messageId = got.get(0).header("webhook-id");
        browser.driver().get(app.baseUrl() + "/portal/#/messages/" + messageId);
        MessagePage message = new MessagePage(browser);
        browser.await().until(d -> message.attempts(target.id()).size() == 1);
        assertThat(message.attempts(target.id()).get(0).getAttribute("data-trigger"))
                .isEqualTo("test");
        assertNoConsoleErrors();
    }

    @Test
    void resendingAMessageFromItsPageAddsAManualAttempt() throws Exception {
        Endpoint endpoint = endpoint("/resend");
        String messageId = sendAndAwait("order.shipped", "{\"order\":7}", "succeeded");
        Link link = mint("{\"permissions\":[\"read\",\"resend\"],\"next\":\"/messages/" + messageId + "\"}");
        browser.driver().get(app.baseUrl() + link.url()); // the link opens on the message: its "next"
        int before = receiver.receivedOn("/resend-" + tenant).size();

        MessagePage message = new MessagePage(browser).resendTo(endpoint.id());

        List<WebElement> attempts = message.attempts(endpoint.id());
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).getAttribute("data-trigger")).isEqualTo("manual");
        assertThat(attempts.get(1).getAttribute("data-trigger")).isEqualTo("scheduled");
        assertThat(browser.driver()
                        .findElement(By.cssSelector("[data-notice='resent']"))
                        .getText())
                .contains("attempt #2 succeeded (200)");
        assertThat(receiver.receivedOn("/resend-" + tenant)).hasSize(before + 1);
    }

    @Test
    void rotatingTheSecretShowsTheNewOneAndTheApiSignsWithIt() throws Exception {
        Endpoint endpoint = endpoint("/rotate");
        String old = admin.endpoints().secret(tenant, endpoint.id()).key();
        Link link = mint("{\"permissions\":[\"read\",\"manage_endpoints\",\"view_secrets\"]}");
        EndpointPage page = PortalPages.open(browser, app.baseUrl(), link.url()).openEndpoint(endpoint.url());

        assertThat(page.revealSecret()).isEqualTo(old);
        String rotated = page.rotateSecret("1 hour");

        assertThat(rotated).startsWith("whsec_").isNotEqualTo(old);
        assertThat(admin.endpoints().secret(tenant, endpoint.id()).key()).isEqualTo(rotated);
        // during the grace period deliveries carry both signatures
        String messageId = sendAndAwait("user.created", "{}", "succeeded");
        TestReceiver.Received arrived = receiver.receivedOn("/rotate-" + tenant).stream()
                .filter(r -> messageId.equals(r.header("webhook-id")))
                .findFirst()
                .orElseThrow();
        assertThat(arrived.header("webhook-signature").split(" ")).hasSize(2);
    }

    @Test
    void disablingAnEndpointInThePageRecordsThatTheTenantDidIt() throws Exception {
        Endpoint endpoint = endpoint("/disable");
        Link link = mint("{\"permissions\":[\"read\",\"manage_endpoints\"]}");
        EndpointPage page = PortalPages.open(browser, app.baseUrl(), link.url()).openEndpoint(endpoint.url());

        page.disable();

        assertThat(page.disabledReason()).contains("disabled by the tenant");
        Endpoint stored = admin.endpoints().get(tenant, endpoint.id());
        assertThat(stored.disabled()).isTrue();
        page.enable();
        assertThat(admin.endpoints().get(tenant, endpoint.id()).disabled()).isFalse();
    }

    @Test
    void aRevokedSessionShowsTheSessionExpiredPageOnItsNextRequest() throws Exception {
        endpoint("/revoked");
        Link link = mint("{\"permissions\":[\"read\"]}");
        EndpointsPage page = PortalPages.open(browser, app.baseUrl(), link.url());

        RawHttp.Response revoked = app.raw()
                .call("DELETE", "/v1/tenants/" + tenant + "/portal-sessions/" + link.id(), TestApp.ADMIN_KEY, null);
        assertThat(revoked.status()).isEqualTo(204);
        page.nav("messages");

        assertSessionExpiredPage();
        // and a fresh load of the page, with the token kept for the tab, says the same
        browser.driver().navigate().refresh();
        assertSessionExpiredPage();
    }

    @Test
    void anExpiredLinkShowsTheSessionExpiredPage() throws Exception {
        Link link = mint("{\"permissions\":[\"read\"]}");
        expire(link);

        browser.driver().get(app.baseUrl() + link.url());

        assertSessionExpiredPage();
        assertThat(browser.driver().findElements(By.cssSelector("[data-nav]"))).isEmpty();
    }

    @Test
    void anEndpointScopedSessionSeesOnlyItsEndpointInThePageAndThroughTheApi() throws Exception {
        Endpoint mine = endpoint("/mine");
        Endpoint other = endpoint("/other");
        String toOther = sendAndAwait("invoice.paid", "{\"n\":1}", "succeeded");
        Link link = mint(
                "{\"permissions\":[\"read\",\"manage_endpoints\",\"resend\"],\"endpointIds\":[\"" + mine.id() + "\"]}");

        EndpointsPage page = PortalPages.open(browser, app.baseUrl(), link.url());
        assertThat(page.urls()).containsExactly(mine.url());
        assertThat(page.has("[data-action='new-endpoint']")).isFalse();
        // the other endpoint's page, typed into the address bar, is not found
        browser.driver().get(app.baseUrl() + "/portal/#/endpoints/" + other.id());
        browser.await()
                .until(d -> d.findElements(By.cssSelector("[role='alert']")).size() == 1);
        assertThat(browser.driver()
                        .findElement(By.cssSelector("[role='alert']"))
                        .getText())
                .containsIgnoringCase("not found");
        assertThat(browser.driver().findElements(By.cssSelector("[data-endpoint-page]")))
                .isEmpty();
        // and the message's delivery to it is not shown
        browser.driver().get(app.baseUrl() + "/portal/#/messages/" + toOther);
        MessagePage message = new MessagePage(browser);
        assertThat(browser.driver().findElements(By.cssSelector("[data-delivery='" + other.id() + "']")))
                .isEmpty();
        assertThat(message.deliveryStatus(mine.id())).isEqualTo("succeeded");

        // the API answers the token the same way
        RawHttp raw = app.raw();
        String t = "/v1/tenants/" + tenant;
        assertThat(raw.call("GET", t + "/endpoints/" + other.id(), link.token(), null)
                        .status())
                .isEqualTo(404);
        assertThat(raw.call("GET", t + "/endpoints/" + other.id() + "/stats", link.token(), null)
                        .status())
                .isEqualTo(404);
        assertThat(raw.call("PATCH", t + "/endpoints/" + other.id(), link.token(), "{\"disabled\":true}")
                        .status())
                .isEqualTo(404);
        JsonNode list = raw.call("GET", t + "/endpoints", link.token(), null).json();
        assertThat(list.path("data")).extracting(e -> e.path("id").asText()).containsExactly(mine.id());
        JsonNode attempts = raw.call("GET", t + "/attempts", link.token(), null).json();
        assertThat(attempts.path("data"))
                .allSatisfy(a -> assertThat(a.path("endpointId").asText()).isEqualTo(mine.id()));
    }

    @Test
    void aReadOnlySessionShowsNoEditControlsAndTheApiRefusesItsEdits() throws Exception {
        Endpoint endpoint = endpoint("/readonly");
        String messageId = sendAndAwait("invoice.paid", "{}", "succeeded");
        Link link = mint("{\"permissions\":[\"read\"]}");

        EndpointsPage list = PortalPages.open(browser, app.baseUrl(), link.url());
        assertThat(list.has("[data-action='new-endpoint']")).isFalse();
        EndpointPage page = list.openEndpoint(endpoint.url());
        page.chartSummaries();
        assertThat(page.buttons()).doesNotContain("Edit", "Disable", "Delete", "Reveal", "Rotate secret", "Recover");
        assertThat(page.has("[data-section='secret']")).isFalse();
        assertThat(page.has("[data-section='recover']")).isFalse();
        browser.driver().get(app.baseUrl() + "/portal/#/messages/" + messageId);
        MessagePage message = new MessagePage(browser);
        assertThat(message.has("[data-action='resend']")).isFalse();

        RawHttp raw = app.raw();
        String e = "/v1/tenants/" + tenant + "/endpoints/" + endpoint.id();
        assertThat(raw.call("PATCH", e, link.token(), "{\"disabled\":true}").status())
                .isEqualTo(403);
        assertThat(raw.call("GET", e + "/secret", link.token(), null).status()).isEqualTo(403);
        assertThat(raw.call("DELETE", e, link.token(), null).status()).isEqualTo(403);
        assertThat(raw.call(
                                "POST",
                                "/v1/tenants/" + tenant + "/messages/" + messageId + "/endpoints/" + endpoint.id()
                                        + "/resend",
                                link.token(),
                                null)
                        .status())
                .isEqualTo(403);
        assertThat(admin.endpoints().get(tenant, endpoint.id()).disabled()).isFalse();
    }

    @Test
    void aPayloadAndAResponseBodyWithMarkupRenderAsTextExactlyAsSent() throws Exception {
        String hostile = "<script>window.__pwned=1</script>\"><img src=x onerror=\"window.__pwned=2\">";
        receiver.otherwiseAnswer(r -> TestReceiver.Answer.status(200)
                .withHeader("Content-Type", "text/html")
                .withBody(hostile.getBytes(StandardCharsets.UTF_8)));
        Endpoint endpoint = admin.endpoints()
                .create(
                        tenant,
                        EndpointIn.builder(receiver.url("/xss-" + tenant))
                                .description("<img src=x onerror=\"window.__pwned=3\">")
                                .build());
        // key order, spacing inside strings, escapes and a number beyond double precision, as the sender wrote them
        String payload =
                "{\"z\":\"<script>window.__pwned=4</script>\",\"a\":\"\\\"><img src=x onerror=window.__pwned=5>\","
                        + "\"big\":12345678901234567890123,\"esc\":\"\\u003cb\\u003e\"}";
        String messageId = sendAndAwait("invoice.paid", payload, "succeeded");
        Link link = mint("{\"permissions\":[\"read\"]}");

        PortalPages.open(browser, app.baseUrl(), link.url());
        browser.driver().get(app.baseUrl() + "/portal/#/messages/" + messageId);
        MessagePage message = new MessagePage(browser);
        WebElement attempt = message.openAttempt(endpoint.id(), 0);

        assertThat(message.payload())
                .isEqualTo("{\n  \"z\": \"<script>window.__pwned=4</script>\",\n"
                        + "  \"a\": \"\\\"><img src=x onerror=window.__pwned=5>\",\n"
                        + "  \"big\": 12345678901234567890123,\n  \"esc\": \"\\u003cb\\u003e\"\n}");
        assertThat(attempt.findElement(By.cssSelector("[data-response-body]")).getText())
                .isEqualTo(hostile);
        assertThat(browser.driver().findElements(By.cssSelector("main img, main script")))
                .isEmpty();
        assertThat(browser.driver().executeScript("return window.__pwned === undefined"))
                .isEqualTo(true);
        assertNoAlert();
        // the endpoint's description too
        browser.driver().get(app.baseUrl() + "/portal/#/endpoints");
        EndpointsPage list = new EndpointsPage(browser);
        assertThat(list.main().getText()).contains("<img src=x onerror=\"window.__pwned=3\">");
        assertThat(browser.driver().findElements(By.cssSelector("main img"))).isEmpty();
        assertThat(browser.driver().executeScript("return window.__pwned === undefined"))
                .isEqualTo(true);
        assertNoAlert();
    }

    @Test
    void anEndpointsChartsShowItsAttemptsAndLatencyOverTheLastDayAndWeek() throws Exception {
        Endpoint endpoint = endpoint("/charts");
        AtomicInteger n = new AtomicInteger();
        receiver.otherwiseAnswer(r -> TestReceiver.Answer.status(n.incrementAndGet() % 3 == 0 ? 500 : 200));
        for (int i = 0; i < 6; i++) {
            sendAndAwait("invoice.paid", "{\"i\":" + i + "}", null);
        }
        // and, for the screenshot of the list, an endpoint with a description and one the tenant disabled
        admin.endpoints()
                .create(
                        tenant,
                        EndpointIn.builder(receiver.url("/orders-" + tenant))
                                .description("Order events for the warehouse")
                                .build());
        admin.endpoints()
                .create(
                        tenant,
                        EndpointIn.builder(receiver.url("/legacy-" + tenant))
                                .description("Old CRM sync")
                                .disabled(true)
                                .build());
        brand("Acme Billing", "#0b7a75");
        Link link = mint("{\"permissions\":[\"read\",\"manage_endpoints\",\"view_secrets\",\"resend\"]}");
        EndpointsPage list = PortalPages.open(browser, app.baseUrl(), link.url());
        assertThat(list.urls()).hasSize(3);
        screenshot("endpoints");

        EndpointPage page = list.openEndpoint(endpoint.url());
        List<String> summaries = page.chartSummaries();
        assertThat(summaries.get(0)).isEqualTo("4 succeeded, 2 failed (6 attempts)");
        assertThat(summaries.get(1)).matches("p50 \\d+ ms, p99 \\d+ ms over the period");
        screenshot("charts");
        page.clickButton("Last 7 days");
        browser.await()
                .until(d -> d.findElement(By.cssSelector("[aria-pressed='true']"))
                        .getText()
                        .equals("Last 7 days"));
        assertThat(page.chartSummaries().get(0)).isEqualTo("4 succeeded, 2 failed (6 attempts)");

        // and the log filters to the failed ones
        MessagesPage log = page.messages();
        assertThat(log.messageIds()).hasSize(6);
        screenshot("log");
        assertThat(log.filterByStatus("failed").messageIds()).hasSize(2);

        // and the endpoint's failures are recovered from its page: both go out again
        int before = receiver.receivedOn("/charts-" + tenant).size();
        browser.driver().get(app.baseUrl() + "/portal/#/endpoints/" + endpoint.id());
        assertThat(new EndpointPage(browser).recover()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> receiver.receivedOn("/charts-" + tenant).size() == before + 2);
        assertNoConsoleErrors();
    }

    @Test
    void thePagesFitA360PixelScreenWithoutSidewaysScrolling() throws Exception {
        Endpoint endpoint = endpoint("/narrow-screen-with-a-rather-long-path/that/keeps/going/and/going");
        String messageId = sendAndAwait("invoice.paid", "{\"text\":\"" + "long ".repeat(40) + "\"}", "succeeded");
        Link link = mint("{\"permissions\":[\"read\",\"manage_endpoints\",\"view_secrets\",\"resend\"]}");
        browser.driver().manage().window().setSize(new Dimension(360, 740));

        EndpointsPage list = PortalPages.open(browser, app.baseUrl(), link.url());
        assertFitsTheWindow();
        list.openEndpoint(endpoint.url()).chartSummaries();
        assertFitsTheWindow();
        browser.driver().get(app.baseUrl() + "/portal/#/messages");
        new MessagesPage(browser).deliveryStatuses(messageId);
        assertFitsTheWindow();
        browser.driver().get(app.baseUrl() + "/portal/#/messages/" + messageId);
        new MessagePage(browser).openAttempt(endpoint.id(), 0);
        assertFitsTheWindow();
    }

    @Test
    void anEndpointCanBeAddedWithTheKeyboardAlone() throws Exception {
        Link link = mint("{\"permissions\":[\"read\",\"manage_endpoints\"]}");
        PortalPages.open(browser, app.baseUrl(), link.url());
        String url = receiver.url("/keyboard-" + tenant);

        // the heading has the focus; Tab reaches "Add endpoint", Enter follows it
        tabTo("Add endpoint").sendKeys(org.openqa.selenium.Keys.ENTER);
        browser.await().until(d -> PortalPages.title(browser).equals("Add endpoint"));
        // Tab from the heading reaches the URL field; Enter in it submits the form
        WebElement field = tabTo("");
        assertThat(field.getAttribute("id")).isEqualTo("url");
        field.sendKeys(url, org.openqa.selenium.Keys.ENTER);

        EndpointPage created = new EndpointPage(browser);
        assertThat(created.url()).isEqualTo(url);
    }

    // --- helpers

    record Link(String id, String url, String token) {}

    Link mint(String body) {
        RawHttp.Response r =
                app.raw().call("POST", "/v1/tenants/" + tenant + "/portal-sessions", TestApp.ADMIN_KEY, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode json = r.json();
        return new Link(
                json.path("id").asText(),
                json.path("url").asText(),
                json.path("token").asText());
    }

    /** Moves a session's expiry into the past, as time would. */
    void expire(Link link) {
        var db = app.config().database;
        (db.user == null ? Jdbi.create(db.url) : Jdbi.create(db.url, db.user, db.password == null ? "" : db.password))
                .useHandle(h -> h.execute(
                        "UPDATE portal_sessions SET expires_at = now() - interval '1 minute' WHERE id = ?", link.id()));
    }

    void brand(String displayName, String accentColor) {
        RawHttp.Response r = app.raw()
                .call(
                        "PUT",
                        "/v1/tenants/" + tenant + "/branding",
                        TestApp.ADMIN_KEY,
                        "{\"displayName\":\"" + displayName + "\",\"accentColor\":\"" + accentColor + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    Endpoint endpoint(String path) {
        return admin.endpoints()
                .create(
                        tenant,
                        EndpointIn.builder(receiver.url(path + "-" + tenant)).build());
    }

    /** Sends a payload exactly as written and waits until its (first) delivery has {@code status} (any final one if null). */
    String sendAndAwait(String eventType, String payload, String status) {
        RawHttp.Response sent = app.raw()
                .call(
                        "POST",
                        "/v1/tenants/" + tenant + "/messages",
                        TestApp.ADMIN_KEY,
                        "{\"eventType\":\"" + eventType + "\",\"payload\":" + payload + "}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        String id = sent.json().path("id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String now = deliveryStatus(id);
            return status == null ? now.equals("succeeded") || now.equals("failed") : now.equals(status);
        });
        return id;
    }

    /** The status all the message's deliveries share, or "mixed" while they differ. */
    String deliveryStatus(String messageId) {
        List<String> statuses = admin.messages().deliveries(tenant, messageId).data().stream()
                .map(d -> d.status())
                .distinct()
                .toList();
        return statuses.isEmpty() ? "none" : statuses.size() == 1 ? statuses.get(0) : "mixed";
    }

    void assertSessionExpiredPage() {
        browser.await()
                .until(d ->
                        d.findElements(By.cssSelector("[data-page='expired']")).size() == 1);
        assertThat(PortalPages.title(browser)).isEqualTo("Session expired");
        assertThat(browser.driver().findElement(By.tagName("main")).getText()).contains("expired or was revoked");
    }

    void assertNoAlert() {
        try {
            browser.driver().switchTo().alert();
            throw new AssertionError("an alert opened");
        } catch (NoAlertPresentException expected) {
            // no script ran
        }
    }

    void assertNoConsoleErrors() {
        assertThat(browser.console())
                .as("console (CSP violations and script errors)")
                .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Uncaught"));
    }

    void assertFitsTheWindow() {
        Object overflow = browser.driver()
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue())
                .as("sideways overflow at " + browser.driver().getCurrentUrl())
                .isLessThanOrEqualTo(0);
    }

    /** Presses Tab until the focused element's text is {@code text} ("" for a form field); at most 40 times. */
    WebElement tabTo(String text) {
        for (int i = 0; i < 40; i++) {
            new org.openqa.selenium.interactions.Actions(browser.driver())
                    .sendKeys(org.openqa.selenium.Keys.TAB)
                    .perform();
            WebElement focused = browser.driver().switchTo().activeElement();
            if (text.isEmpty()
                    ? focused.getTagName().equals("input")
                    : focused.getText().equals(text)) {
                return focused;
            }
        }
        throw new AssertionError("Tab never reached " + (text.isEmpty() ? "a field" : "\"" + text + "\""));
    }

    void screenshot(String name) throws Exception {
        browser.screenshot(SCREENSHOTS.resolve(name + ".png"));
    }
}
