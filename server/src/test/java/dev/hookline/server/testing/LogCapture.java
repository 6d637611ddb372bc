package dev.hookline.server.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;

/**
 * Everything the process logs while it is open: every logback event of the application (message, arguments and
 * stack traces) and, for what other logging contexts write (the request log), all of stdout and stderr.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) { ...; assertThat(logs.text()).doesNotContain(key); }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {
    private final StringBuffer events = new StringBuffer();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            events.append(event.getLevel())
                    .append(' ')
                    .append(event.getLoggerName())
                    .append(" - ")
                    .append(event.getFormattedMessage())
                    .append('\n');
            if (event.getThrowableProxy() != null) {
                events.append(ThrowableProxyUtil.asString(event.getThrowableProxy()))
                        .append('\n');
            }
        }
    };

    private LogCapture() {}

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        capture.appender.setContext(context);
        capture.appender.setName("log-capture");
        capture.appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(capture.appender);
        System.setOut(new PrintStream(new Tee(capture.originalOut, capture.console), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(capture.originalErr, capture.console), true, StandardCharsets.UTF_8));
        return capture;
    }

    /** Everything captured so far. */
    public String text() {
        synchronized (console) {
            return events + "\n" + console.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
    }

    private static final class Tee extends OutputStream {
        private final OutputStream original;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream original, ByteArrayOutputStream copy) {
            this.original = original;
            this.copy = copy;
        }

        @Override
        public void write(int b) {
            synchronized (copy) {
                copy.write(b);
            }
            try {
                original.write(b);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (copy) {
                copy.write(b, off, len);
            }
            try {
                original.write(b, off, len);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
