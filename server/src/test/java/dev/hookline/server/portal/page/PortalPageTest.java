package dev.hookline.server.portal.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.server.config.PortalPageFactory;
import dev.hookline.server.testing.TestApp;
import io.dropwizard.jersey.validation.Validators;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The portal page as the server hands it out: from the jar, content-hashed, cached, and under a strict CSP. */
class PortalPageTest {
    static final String FRAMERS = "'self' https://app.example.com";

    @RegisterExtension
    static final TestApp app = new TestApp(c -> c.portal.frameAncestors = FRAMERS);

    static final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static List<String> assetLinks(String html) {
        Matcher m = Pattern.compile("(?:src|href)=\"(assets/[^\"]+)\"").matcher(html);
        List<String> links = new ArrayList<>();
        while (m.find()) {
            links.add(m.group(1));
        }
        return links;
    }

    @Test
    void thePageIsServedWithACspThatAllowsOnlyItsOwnOriginAndTheConfiguredFramers() throws Exception {
        HttpResponse<byte[]> page = get("/portal/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(contentType(page)).isEqualTo("text/html;charset=utf-8");
        assertThat(page.headers().firstValue("cache-control")).hasValue("no-cache");
        String csp = page.headers().firstValue("content-security-policy").orElseThrow();
        assertThat(csp)
                .contains("default-src 'none'")
                .contains("script-src 'self';")
                .contains("connect-src 'self';")
                .contains("style-src 'self';")
                .contains("base-uri 'none'")
                .endsWith("frame-ancestors " + FRAMERS);
        assertThat(csp).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(page.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("referrer-policy")).hasValue("no-referrer");
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertThat(html).doesNotContain("<script>").doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void theBarePathRedirectsToTheDirectorySoRelativeAssetLinksResolve() throws Exception {
        HttpResponse<byte[]> bare = get("/portal");

        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(bare.headers().firstValue("location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/portal/"));
    }

    @Test
    void everyAssetHasAContentHashedNameAndIsCachedForAYear() throws Exception {
        String html = new String(get("/portal/").body(), StandardCharsets.UTF_8);
        List<String> links = assetLinks(html);

        assertThat(links)
                .hasSize(3)
                .allSatisfy(link -> assertThat(link).matches("assets/[A-Za-z.]+\\.[0-9a-f]{12}\\.(js|css)"));
        for (String link : links) {
            HttpResponse<byte[]> asset = get("/portal/" + link);
            assertThat(asset.statusCode()).as(link).isEqualTo(200);
            assertThat(asset.headers().firstValue("cache-control"))
                    .as(link)
                    .hasValue("public, max-age=31536000, immutable");
            assertThat(contentType(asset))
                    .as(link)
                    .isEqualTo(link.endsWith(".js") ? "text/javascript;charset=utf-8" : "text/css;charset=utf-8");
            assertThat(asset.headers().firstValue("content-security-policy")).isPresent();
        }
        // a name that is not the current content's (an old release, a guess) is not served
        String app = links.stream()
                .filter(l -> l.startsWith("assets/app."))
                .findFirst()
                .orElseThrow();
        assertThat(get("/portal/" + app.replaceAll("\\.[0-9a-f]{12}\\.", ".000000000000."))
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/portal/assets/app.js").statusCode()).isEqualTo(404);
        assertThat(get("/portal/assets.txt").statusCode()).isEqualTo(404);
    }

    @Test
    void aBrowserThatHasThePageRevalidatesItWithoutDownloadingItAgain() throws Exception {
        HttpResponse<byte[]> first = get("/portal/");
        String etag = first.headers().firstValue("etag").orElseThrow();

        HttpResponse<byte[]> again = get("/portal/", "If-None-Match", etag);

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void everyModuleImportPointsAtAHashedAssetThatIsServed() throws Exception {
        PortalAssets assets = PortalAssets.fromClasspath();
        Pattern imports = Pattern.compile("(?:\\bfrom\\s*|\\bimport\\s*\\(?\\s*)\"(\\./[^\"]+)\"");
        List<String> checked = new ArrayList<>();
        for (PortalAssets.Asset asset : assets.assets()) {
            if (!asset.name().endsWith(".js")) {
                continue;
            }
            Matcher m = imports.matcher(new String(asset.body(), StandardCharsets.UTF_8));
            while (m.find()) {
                String target = m.group(1).substring(2);
                assertThat(assets.asset(target))
                        .as(asset.name() + " imports " + target)
                        .isPresent();
                checked.add(target);
            }
        }
        assertThat(checked).anyMatch(t -> t.startsWith("standalone.module.")).anyMatch(t -> t.startsWith("uPlot."));
    }

    @Test
    void theJavaScriptIsUnder300KilobytesGzipped() throws IOException {
        long raw = 0;
        long gzipped = 0;
        for (PortalAssets.Asset asset : PortalAssets.fromClasspath().assets()) {
            if (asset.name().endsWith(".js")) {
                raw += asset.body().length;
                gzipped += gzipSize(asset.body());
            }
        }
        System.out.printf("portal JavaScript: %,d bytes, %,d gzipped%n", raw, gzipped);
        assertThat(gzipped).isPositive().isLessThanOrEqualTo(300 * 1024);
    }

    @Test
    void aFrameAncestorsValueThatWouldOpenAnotherDirectiveIsRefusedAtStart() {
        var validator = Validators.newValidator();
        PortalPageFactory config = new PortalPageFactory();
        config.frameAncestors = "'self'; script-src *";
        assertThat(validator.validate(config))
                .extracting(v -> v.getPropertyPath().toString())
                .containsExactly("frameAncestors");
        config.frameAncestors = "'self' https://app.example.com https://*.example.org";
        assertThat(validator.validate(config)).isEmpty();
    }

    /** The Content-Type without spaces (Jetty writes some with "; charset", some with ";charset"). */
    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("content-type").orElse("").replace(" ", "");
    }

    private static long gzipSize(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        }
        return out.size();
    }
}
