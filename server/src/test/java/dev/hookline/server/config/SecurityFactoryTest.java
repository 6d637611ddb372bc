package dev.hookline.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.server.HooklineApplication;
import dev.hookline.server.HooklineConfiguration;
import io.dropwizard.testing.DropwizardTestSupport;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Outside dev, the server refuses to start without a 32-byte encryption key, and says why without echoing it. */
class SecurityFactoryTest {

    @Test
    void acceptsThirtyTwoBytesAsBase64OrHex() {
        byte[] key = new byte[32];
        key[0] = 7;
        assertThat(factory(Base64.getEncoder().encodeToString(key)).encryptionKeyBytes())
                .isEqualTo(key);
        assertThat(factory(HexFormat.of().formatHex(key)).encryptionKeyBytes()).isEqualTo(key);
    }

    @Test
    void refusesAMissingKey() {
        assertThatThrownBy(() -> factory("").encryptionKeyBytes())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HOOKLINE_ENCRYPTION_KEY is not set");
        assertThatThrownBy(() -> factory(null).encryptionKeyBytes()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAKeyThatIsNotThirtyTwoBytesWithoutEchoingIt() {
        String sixteen = Base64.getEncoder().encodeToString(new byte[16]);
        String garbage = "not-base64-and-not-hex!!";
        assertThatThrownBy(() -> factory(sixteen).encryptionKeyBytes())
                .hasMessageContaining("must be 32 bytes, it is 16")
                .hasMessageNotContaining(sixteen);
        assertThatThrownBy(() -> factory(garbage).encryptionKeyBytes())
                .hasMessageContaining("neither base64 nor")
                .hasMessageNotContaining(garbage);
    }

    @Test
    void serverDoesNotStartWithoutAValidEncryptionKey() {
        for (String bad : new String[] {"", Base64.getEncoder().encodeToString(new byte[31])}) {
            HooklineConfiguration config = new HooklineConfiguration();
            config.security.adminKey = "an-admin-key-long-enough";
            config.security.encryptionKey = bad;
            config.database.url = "jdbc:postgresql://127.0.0.1:1/never";
            DropwizardTestSupport<HooklineConfiguration> support =
                    new DropwizardTestSupport<>(HooklineApplication.class, config);
            try {
                assertThatThrownBy(support::before).hasStackTraceContaining("HOOKLINE_ENCRYPTION_KEY");
            } finally {
                support.after();
            }
        }
    }

    private static SecurityFactory factory(String encryptionKey) {
        SecurityFactory f = new SecurityFactory();
        f.encryptionKey = encryptionKey;
        return f;
    }
}
