package dev.hookline.server.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.server.validation.Checks;
import dev.hookline.worker.ssrf.SsrfPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * URL host checks at creation, as the application wires them (SsrfPolicy.checkUrlHost). Pure: nothing here
 * resolves a name or opens a connection.
 */
class EndpointRulesTest {
    private final EndpointRules strict = new EndpointRules(false, EndpointRulesTest::refusal);

    private static String refusal(String host) {
        var verdict = SsrfPolicy.strict().checkUrlHost(host);
        return verdict.allowed() ? null : verdict.reason();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://10.0.0.1/",
                "https://172.16.5.4/",
                "https://192.168.1.1/hook",
                "https://169.254.169.254/latest",
                "https://127.0.0.1/",
                "https://[::1]/",
                "https://[fd00::1]/",
                "https://[::ffff:10.0.0.1]/",
                "https://0.0.0.0/",
                "https://localhost/",
                "https://127.1/"
            })
    void literalPrivateLoopbackAndMetadataAddressesAreRefusedNamingUrl(String url) {
        Checks checks = new Checks();
        strict.url(checks, url);
        assertThat(checks.ok()).as(url).isFalse();
        assertThat(problemFields(checks)).containsExactly("url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.com/in", "https://93.184.216.34/x", "https://[2606:4700::1]/"})
    void publicHostsAndNamesPass(String url) {
        Checks checks = new Checks();
        strict.url(checks, url);
        assertThat(checks.ok()).as(url).isTrue();
    }

    private static java.util.List<String> problemFields(Checks checks) {
        try {
            checks.throwIfAny();
            return java.util.List.of();
        } catch (dev.hookline.server.errors.ApiException e) {
            return e.details().stream().map(d -> d.field()).toList();
        }
    }
}
