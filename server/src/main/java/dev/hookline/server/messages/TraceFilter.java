package dev.hookline.server.messages;

import dev.hookline.worker.tracing.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The send request's trace, in front of both doors a send comes in by ({@link FastSendFilter}, Jersey): a sender's
 * {@code traceparent} is made the current context, and with tracing on a server span of the request is started
 * under it. {@link SendIntake} stores the current span's context with the message, so each attempt carries it on.
 * Other requests pass untouched.
 */
public final class TraceFilter implements Filter {
    private static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");

    private final Tracing tracing;

    public TraceFilter(Tracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String route = route(request);
        if (route == null) {
            chain.doFilter(req, res);
            return;
        }
        SpanContext sender = Tracing.parse(request.getHeader(Tracing.TRACEPARENT));
        Context parent = sender.isValid() ? Context.root().with(Span.wrap(sender)) : Context.root();
        if (!tracing.enabled()) {
            if (!sender.isValid()) {
                chain.doFilter(req, res);
                return;
            }
            try (Scope ignored = parent.makeCurrent()) {
                chain.doFilter(req, res);
            }
            return;
        }
        Span span = tracing.tracer()
                .spanBuilder("POST " + route)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", "POST")
                .setAttribute("http.route", route)
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            chain.doFilter(req, res);
        } catch (IOException | ServletException | RuntimeException e) {
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            int status = ((HttpServletResponse) res).getStatus();
            span.setAttribute(HTTP_STATUS, (long) status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }
    }

    /** The route of a send ({@code /v1/tenants/{tenant}/messages} or {@code …/messages/batch}), or null. */
    static String route(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return null;
        }
        String uri = request.getRequestURI();
        if (uri.endsWith("/messages")) {
            return "/v1/tenants/{tenant}/messages";
        }
        if (uri.endsWith("/messages/batch")) {
            return "/v1/tenants/{tenant}/messages/batch";
        }
        return null;
    }
}
