package dev.hookline.server.portal.page;

import dev.hookline.server.testing.Browser;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Page objects of the portal, named after what a person does there. Each method waits (explicitly) for the page
 * to show what it acts on, and each page waits for its heading and its data before it is handed out.
 */
final class PortalPages {
    private PortalPages() {}

    /** Opens a portal link as a person would (pasted into the address bar) and waits for the first page. */
    static EndpointsPage open(Browser browser, String baseUrl, String link) {
        browser.driver().get(baseUrl + link);
        return new EndpointsPage(browser);
    }

    static String title(Browser browser) {
        return browser.driver().findElement(By.id("page-title")).getText();
    }

    abstract static class Page {
        final Browser browser;
        final WebDriver driver;

        Page(Browser browser, String heading) {
            this.browser = browser;
            this.driver = browser.driver();
            browser.await().until(ExpectedConditions.textToBe(By.id("page-title"), heading));
            browser.await()
                    .until(d -> d.findElements(By.cssSelector("main .loading")).isEmpty());
        }

        WebElement main() {
            return driver.findElement(By.tagName("main"));
        }

        void nav(String section) {
            driver.findElement(By.cssSelector("[data-nav='" + section + "']")).click();
        }

        MessagesPage messages() {
            nav("messages");
            return new MessagesPage(browser);
        }

        boolean has(String css) {
            return !driver.findElements(By.cssSelector(css)).isEmpty();
        }

        WebElement waitFor(String css) {
            return browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
        }
    }

    static final class EndpointsPage extends Page {
        EndpointsPage(Browser browser) {
            super(browser, "Endpoints");
        }

        List<String> urls() {
            return driver.findElements(By.cssSelector("[data-endpoint-link]")).stream()
                    .map(WebElement::getText)
                    .toList();
        }

        EndpointFormPage add() {
            driver.findElement(By.cssSelector("[data-action='new-endpoint']")).click();
            return new EndpointFormPage(browser, "Add endpoint");
        }

        EndpointPage openEndpoint(String url) {
            waitFor("[data-endpoint-link]");
            driver.findElements(By.cssSelector("[data-endpoint-link]")).stream()
                    .filter(a -> a.getText().equals(url))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no endpoint " + url + " in " + urls()))
                    .click();
            return new EndpointPage(browser);
        }
    }

    static final class EndpointFormPage extends Page {
        EndpointFormPage(Browser browser, String heading) {
            super(browser, heading);
        }

        EndpointFormPage url(String url) {
            WebElement input = driver.findElement(By.id("url"));
            input.clear();
            input.sendKeys(url);
            return this;
        }

        EndpointFormPage description(String text) {
            driver.findElement(By.id("description")).sendKeys(text);
            return this;
        }

        EndpointFormPage subscribeTo(String eventType) {
            waitFor("input[name='eventTypes'][value='" + eventType + "']").click();
            return this;
        }

        EndpointFormPage header(String name, String value) {
            driver.findElement(By.cssSelector("[data-action='add-header']")).click();
            List<WebElement> names = driver.findElements(By.cssSelector("[data-header-name]"));
            List<WebElement> values = driver.findElements(By.cssSelector("[data-header-value]"));
            names.get(names.size() - 1).sendKeys(name);
            values.get(values.size() - 1).sendKeys(value);
            return this;
        }

        EndpointFormPage rateLimit(int perSecond) {
            driver.findElement(By.id("rateLimit")).sendKeys(String.valueOf(perSecond));
            return this;
        }

        EndpointPage save() {
            driver.findElement(By.cssSelector("[data-action='save-endpoint']")).click();
            return new EndpointPage(browser);
        }
    }

    static final class EndpointPage extends Page {
        EndpointPage(Browser browser) {
            super(browser, "Endpoint");
            waitFor("[data-endpoint-page]");
        }

        String id() {
            return driver.findElement(By.cssSelector("[data-endpoint-page]")).getAttribute("data-endpoint-page");
        }

        String url() {
            return driver.findElement(By.cssSelector("[data-endpoint-url]")).getText();
        }

        boolean enabled() {
            return driver.findElement(By.cssSelector("[data-endpoint-page] [data-enabled]"))
                    .getAttribute("data-enabled")
                    .equals("true");
        }

        String disabledReason() {
            return waitFor("[data-endpoint-page] [data-disabled-reason]").getText();
        }

        EndpointPage disable() {
            driver.findElement(By.cssSelector("[data-action='disable']")).click();
            browser.await().until(d -> !enabled());
            return this;
        }

        EndpointPage enable() {
            driver.findElement(By.cssSelector("[data-action='enable']")).click();
            browser.await().until(d -> enabled());
            return this;
        }

        String revealSecret() {
            driver.findElement(By.cssSelector("[data-action='reveal-secret']")).click();
            return waitFor("[data-secret]").getText();
        }

        /** Rotates with the grace period chosen by its label, confirming the second step. */
        String rotateSecret(String grace) {
            new Select(driver.findElement(By.id("grace"))).selectByVisibleText(grace);
            clickButton("Rotate secret");
            clickButton("Rotate now");
            waitFor("[data-notice='rotated']");
            return driver.findElement(By.cssSelector("[data-secret]")).getText();
        }

        /** Recovers the endpoint's failures of the last 24 hours (the form's default); answers how many were queued. */
        /** Sends {@code eventType}'s example from the endpoint's page; answers the attempt's status shown. */
        String sendExample(String eventType) {
            new Select(waitFor("#example-type")).selectByValue(eventType);
            driver.findElement(By.cssSelector("[data-action='send-example']")).click();
            return waitFor("[data-example-sent]").getAttribute("data-example-sent");
        }

        int recover() {
            driver.findElement(By.cssSelector("[data-action='recover']")).click();
            return Integer.parseInt(waitFor("[data-recovered]").getAttribute("data-recovered"));
        }

        List<String> buttons() {
            return main().findElements(By.cssSelector("button, a.button")).stream()
                    .map(WebElement::getText)
                    .toList();
        }

        void clickButton(String text) {
            browser.await()
                    .until(d -> main().findElements(By.tagName("button")).stream()
                            .filter(b -> b.getText().equals(text))
                            .findFirst()
                            .orElse(null))
                    .click();
        }

        /** Waits for both charts to be drawn and answers their text summaries. */
        List<String> chartSummaries() {
            browser.await()
                    .until(d -> d.findElements(By.cssSelector("[data-charts] canvas"))
                                    .size()
                            >= 2);
            return driver.findElements(By.cssSelector("[data-charts] [data-summary]")).stream()
                    .map(WebElement::getText)
                    .toList();
        }
    }

    static final class MessagesPage extends Page {
        MessagesPage(Browser browser) {
            super(browser, "Messages");
            waitFor("main[data-loaded]:not([data-loaded=''])");
        }

        /** The delivery statuses shown on a message's row, e.g. {@code [succeeded]}. */
        List<String> deliveryStatuses(String messageId) {
            return waitFor("tr[data-message='" + messageId + "']")
                    .findElements(By.cssSelector("[data-delivery-count]"))
                    .stream()
                    .map(e -> e.getAttribute("data-delivery-count"))
                    .toList();
        }

        List<String> messageIds() {
            return driver.findElements(By.cssSelector("tr[data-message]")).stream()
                    .map(r -> r.getAttribute("data-message"))
                    .toList();
        }

        MessagesPage filterByStatus(String status) {
            new Select(driver.findElement(By.id("f-status"))).selectByVisibleText(status);
            driver.findElement(By.cssSelector("[data-action='apply-filters']")).click();
            waitFor("main[data-loaded*='\"status\":\"" + status + "\"']");
            return new MessagesPage(browser);
        }

        MessagePage openMessage(String messageId) {
            driver.findElement(By.cssSelector("tr[data-message='" + messageId + "'] a"))
                    .click();
            return new MessagePage(browser);
        }
    }

    static final class MessagePage extends Page {
        MessagePage(Browser browser) {
            super(browser, "Message");
            waitFor("[data-message-page]");
            browser.await()
                    .until(d ->
                            !d.findElements(By.cssSelector("[data-delivery]")).isEmpty()
                                    || main().getText().contains("No endpoint"));
        }

        String payload() {
            return driver.findElement(By.cssSelector("[data-payload]")).getText();
        }

        String deliveryStatus(String endpointId) {
            return delivery(endpointId)
                    .findElement(By.cssSelector("[data-status]"))
                    .getAttribute("data-status");
        }

        WebElement delivery(String endpointId) {
            return waitFor("[data-delivery='" + endpointId + "']");
        }

        List<WebElement> attempts(String endpointId) {
            return delivery(endpointId).findElements(By.cssSelector("details[data-attempt]"));
        }

        /** Resends to one endpoint and waits for the new attempt to be listed. */
        MessagePage resendTo(String endpointId) {
            int before = attempts(endpointId).size();
            delivery(endpointId)
                    .findElement(By.cssSelector("[data-action='resend']"))
                    .click();
            browser.await().until(d -> attempts(endpointId).size() == before + 1);
            return this;
        }

        /** Opens an attempt's details (newest first: index 0 is the latest) and waits for them. */
        WebElement openAttempt(String endpointId, int index) {
            WebElement attempt = attempts(endpointId).get(index);
            attempt.findElement(By.tagName("summary")).click();
            return browser.await()
                    .until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(
                            attempt, By.cssSelector("[data-attempt-detail]")))
                    .get(0);
        }
    }
}
