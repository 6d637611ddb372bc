package dev.hookline.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import org.junit.jupiter.api.Test;

class RequestLogSettingTest {

    @Test
    void theAccessLogIsOffByDefault() {
        HooklineConfiguration config = new HooklineConfiguration();

        HooklineApplication.applyRequestLogSetting(config);

        assertThat(requestLog(config).getAppenders()).isEmpty();
    }

    @Test
    void requestLogTrueKeepsDropwizardsConsoleAccessLog() {
        HooklineConfiguration config = new HooklineConfiguration();
        config.requestLog = true;

        HooklineApplication.applyRequestLogSetting(config);

        assertThat(requestLog(config).getAppenders()).isNotEmpty();
    }

    private static LogbackAccessRequestLogFactory requestLog(HooklineConfiguration config) {
        return (LogbackAccessRequestLogFactory)
                ((DefaultServerFactory) config.getServerFactory()).getRequestLogFactory();
    }
}
