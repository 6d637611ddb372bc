package dev.hookline.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HooklineClientBuilderTest {
    @Test
    void requiresAnApiKey() {
        assertThatThrownBy(() ->
                        HooklineClient.builder().baseUrl("https://h.example").build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("apiKey == null");
        assertThatThrownBy(() -> HooklineClient.builder().apiKey(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("apiKey == null");
    }

    @Test
    void requiresABaseUrl() {
        assertThatThrownBy(() -> HooklineClient.builder().apiKey("k").build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("baseUrl == null");
    }

    @Test
    void rejectsABlankOrMultiLineKeyWithoutEchoingIt() {
        assertThatThrownBy(() -> HooklineClient.builder()
                        .baseUrl("https://h.example")
                        .apiKey("  ")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("apiKey is blank");
        assertThatThrownBy(() -> HooklineClient.builder()
                        .baseUrl("https://h.example")
                        .apiKey("hk_abc\r\nX-Evil: 1")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("apiKey contains whitespace or control characters");
    }

    @Test
    void rejectsUrlsThatAreNotAbsoluteHttp() {
        assertThatThrownBy(() -> build("hookline.example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("baseUrl must start with http:// or https://: hookline.example.com");
        assertThatThrownBy(() -> build("ftp://h.example"))
                .hasMessageStartingWith("baseUrl must start with http:// or https://");
        assertThatThrownBy(() -> build("http://")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> build("http://h .example")).hasMessageStartingWith("baseUrl is not a valid URL");
        assertThatThrownBy(() -> build("https://h.example/?x=1"))
                .hasMessageStartingWith("baseUrl must not have a query");
        assertThatThrownBy(() -> build("https://h.example/v1")).hasMessageStartingWith("baseUrl must not end with /v1");
    }

    @Test
    void rejectsUserInfoInTheUrlWithoutEchoingIt() {
        assertThatThrownBy(() -> build("https://admin:hunter2@h.example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("baseUrl must not contain user info; use apiKey");
    }

    @Test
    void rejectsNonPositiveTimeoutsAndNegativeRetries() {
        assertThatThrownBy(() -> HooklineClient.builder().readTimeout(Duration.ZERO))
                .hasMessage("readTimeout must be positive: PT0S");
        assertThatThrownBy(() -> HooklineClient.builder().connectTimeout(Duration.ofSeconds(-1)))
                .hasMessageStartingWith("connectTimeout must be positive");
        assertThatThrownBy(() -> HooklineClient.builder().maxRetries(-1)).hasMessage("maxRetries < 0: -1");
    }

    @Test
    void acceptsHttpAndHttpsWithOrWithoutTrailingSlashAndHidesTheKey() {
        assertThat(build("http://127.0.0.1:8080/").toString()).isEqualTo("HooklineClient[http://127.0.0.1:8080]");
        assertThat(build("https://h.example/prefix//").toString())
                .isEqualTo("HooklineClient[https://h.example/prefix]");
    }

    private static HooklineClient build(String url) {
        return HooklineClient.builder().baseUrl(url).apiKey("hk_secret").build();
    }
}
