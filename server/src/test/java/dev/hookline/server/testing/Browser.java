package dev.hookline.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium for a test class, driven through the system's chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}): Selenium is given both paths, so Selenium Manager is never asked to fetch anything. When
 * the packages are missing it installs them (as root, with apt-get) or fails the class saying how to get them: a
 * browser test never skips. A failing test leaves a screenshot under {@code target/browser-failures/}.
 *
 * <pre>{@code
 * @RegisterExtension static final Browser browser = new Browser();
 * browser.driver().get(app.baseUrl() + "/portal/");
 * }</pre>
 *
 * The browser resolves no host name but localhost, so nothing a page does can leave the machine.
 */
public final class Browser implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Desktop size for the documentation's screenshots. */
    public static final Dimension DESKTOP = new Dimension(1280, 900);

    private ChromeDriverService service;
    private ChromeDriver driver;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ensureInstalled();
        // Selenium Manager is consulted only for what it is not given; both paths are given.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox", // root in CI has no user namespace sandbox
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=" + DESKTOP.width + "," + DESKTOP.height,
                "--lang=en-GB",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-sync",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-domain-reliability",
                "--disable-client-side-phishing-detection",
                "--no-pings",
                "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
                // Every host but localhost fails to resolve: the tests' traffic stays on the loopback.
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (driver != null) {
            try {
                Path dir = Path.of("target", "browser-failures");
                Files.createDirectories(dir);
                String name = context.getRequiredTestClass().getSimpleName() + "-"
                        + context.getRequiredTestMethod().getName();
                Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
                Files.writeString(dir.resolve(name + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
                failure.addSuppressed(new AssertionError(
                        "screenshot: " + dir.resolve(name + ".png").toAbsolutePath() + " at "
                                + driver.getCurrentUrl().replaceAll("token=[^&]*", "token=…")));
            } catch (RuntimeException | IOException e) {
                failure.addSuppressed(e);
            }
        }
        throw failure;
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** An explicit wait: polls until its condition holds, for at most 20 seconds. */
    public WebDriverWait await() {
        return new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(50));
    }

    /** The browser console's messages since the last call (CSP violations and script errors show up here). */
    public List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .toList();
    }

    /** The whole page, not only the window's part of it (Chromium's own capture, through chromedriver). */
    public void screenshot(Path file) throws IOException {
        Map<String, Object> layout = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<?, ?> content = (Map<?, ?>) layout.get("cssContentSize");
        Map<String, Object> shot = driver.executeCdpCommand(
                "Page.captureScreenshot",
                Map.of(
                        "format",
                        "png",
                        "captureBeyondViewport",
                        true,
                        "clip",
                        Map.of(
                                "x", 0,
                                "y", 0,
                                "width", ((Number) content.get("width")).doubleValue(),
                                "height", ((Number) content.get("height")).doubleValue(),
                                "scale", 1)));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    }

    /**
     * Installs Debian's chromium and chromium-driver when missing, where that is possible (root with apt-get), the
     * way {@code .ci/run} does; anywhere else it stops the class with what to install.
     */
    static synchronized void ensureInstalled() throws IOException, InterruptedException {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        Path aptGet = Path.of("/usr/bin/apt-get");
        if (!Files.isExecutable(aptGet) || !isRoot()) {
            throw new IllegalStateException("The portal's browser tests need headless Chromium and its driver at "
                    + CHROMIUM + " and " + CHROMEDRIVER + ": install the Debian packages with "
                    + "'sudo apt-get install -y chromium chromium-driver' (the tests install them themselves only "
                    + "as root on a machine with apt-get)");
        }
        Path log = Path.of("target", "apt-get-chromium.log");
        Files.createDirectories(log.getParent());
        for (List<String> command : List.of(
                List.of(aptGet.toString(), "update"),
                List.of(aptGet.toString(), "install", "-y", "chromium", "chromium-driver"))) {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(Map.of("DEBIAN_FRONTEND", "noninteractive"));
            Process process = pb.start();
            if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "'" + String.join(" ", command) + "' failed; its output is in " + log.toAbsolutePath());
            }
        }
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("apt-get installed chromium and chromium-driver but " + CHROMIUM + " or "
                    + CHROMEDRIVER + " is still missing; see " + log.toAbsolutePath());
        }
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        return id.waitFor() == 0 && uid.equals("0");
    }
}
