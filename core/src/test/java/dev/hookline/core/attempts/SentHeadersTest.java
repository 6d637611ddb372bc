package dev.hookline.core.attempts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SentHeadersTest {

    @Test
    void signaturesKeepTheirVersionAndLoseTheirValue() {
        Map<String, String> sent = Map.of("webhook-signature", "  v1,abc=  v1a,def=\tv2,ghi ");

        assertThat(SentHeaders.redact(sent))
                .containsEntry("webhook-signature", "v1,<redacted> v1a,<redacted> v2,<redacted>");
    }

    @Test
    void aSignatureWithoutVersionOrAnEmptyHeaderIsStillRedacted() {
        assertThat(SentHeaders.redact(Map.of("Webhook-Signature", "abcdef")))
                .containsEntry("Webhook-Signature", "v1,<redacted>");
        assertThat(SentHeaders.redact(Map.of("webhook-signature", "")))
                .containsEntry("webhook-signature", "v1,<redacted>");
        assertThat(SentHeaders.redact(Map.of("webhook-signature", ",abc")))
                .containsEntry("webhook-signature", "v1,<redacted>");
    }

    @Test
    void credentialsAreRedactedAndOtherHeadersKeptInOrder() {
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("content-type", "application/json");
        sent.put("Authorization", "Bearer secret-token");
        sent.put("X-Api-Key", "k");
        sent.put("webhook-id", "msg_1");

        assertThat(SentHeaders.redact(sent))
                .containsExactly(
                        Map.entry("content-type", "application/json"),
                        Map.entry("Authorization", "<redacted>"),
                        Map.entry("X-Api-Key", "<redacted>"),
                        Map.entry("webhook-id", "msg_1"));
        assertThat(SentHeaders.json(sent)).doesNotContain("secret-token");
    }
}
