package dev.hookline.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.logging.common.AbstractAppenderFactory;
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

    @Test
    void theAccessLogWritesThePathWithoutTheQueryString() {
        HooklineConfiguration config = new HooklineConfiguration();
        config.requestLog = true;

        HooklineApplication.applyRequestLogSetting(config);

        // %r (Dropwizard's default) is the request line with the query, %U the path alone
        assertThat(requestLog(config).getAppenders())
                .isNotEmpty()
                .allSatisfy(a -> assertThat(((AbstractAppenderFactory<?>) a).getLogFormat())
                        .contains("\"%m %U %H\"")
                        .doesNotContain("%r")
                        .doesNotContain("%q"));
    }

    @Test
    void anOperatorsOwnAccessLogFormatIsKept() {
        HooklineConfiguration config = new HooklineConfiguration();
        config.requestLog = true;
        var appender =
                (AbstractAppenderFactory<?>) requestLog(config).getAppenders().get(0);
        appender.setLogFormat("%h \"%r\" %s");

        HooklineApplication.applyRequestLogSetting(config);

        assertThat(appender.getLogFormat()).isEqualTo("%h \"%r\" %s");
    }

    private static LogbackAccessRequestLogFactory requestLog(HooklineConfiguration config) {
        return (LogbackAccessRequestLogFactory)
                ((DefaultServerFactory) config.getServerFactory()).getRequestLogFactory();
    }
}
