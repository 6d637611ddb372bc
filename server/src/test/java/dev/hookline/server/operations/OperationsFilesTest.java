package dev.hookline.server.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hookline.core.testing.TestReceiver;
import dev.hookline.core.testing.TestReceiver.Answer;
import dev.hookline.sdk.model.Message;
import dev.hookline.server.delivery.Scenario;
import dev.hookline.server.metrics.PrometheusMetrics;
import dev.hookline.server.testing.PrometheusText;
import dev.hookline.server.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Grafana dashboard and the Prometheus alert rules of docs/operations use only metrics that a running
 * application exports: each file is loaded as JSON or YAML, every PromQL expression in it is read for the metric
 * names it uses, and each name must be in the exposition after real deliveries (a success, retries and a failure).
 */
class OperationsFilesTest {
    static final Path DIRECTORY = Path.of("..", "docs", "operations");

    private static final Set<String> PROMQL_WORDS = Set.of(
            "and",
            "or",
            "unless",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "offset",
            "bool",
            "inf",
            "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @RegisterExtension
    static final TestApp app = new TestApp();

    @AutoClose
    static final TestReceiver receiver = TestReceiver.start();

    @Test
    void everyMetricOfTheDashboardAndTheAlertRulesIsExported() throws Exception {
        // given an application that made real deliveries: one succeeded, one retried until it failed
        receiver.otherwiseAnswer(r -> Answer.status(r.path().startsWith("/fail") ? 500 : 200));
        Scenario s = Scenario.tenant(app, "operations");
        s.endpoint(receiver.url("/ok"));
        s.endpoint(receiver.url("/fail"));
        Message sent = s.send("operations.test", "{\"n\":1}");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> s.deliveries(sent.id()).stream()
                        .allMatch(d ->
                                d.status().equals("succeeded") || d.status().equals("failed")));
        PrometheusText scrape = PrometheusText.scrape(app.adminUrl() + PrometheusMetrics.PATH);
        Set<String> exported = new TreeSet<>(scrape.names());

        // when the dashboard's and the rules' expressions are read
        Map<String, List<String>> expressions = new LinkedHashMap<>();
        expressions.put("grafana-dashboard.json", dashboardExpressions());
        expressions.put("prometheus-alerts.yml", alertExpressions());

        // then each file has expressions, each expression uses a metric, and every metric used is exported
        expressions.forEach((file, exprs) -> {
            assertThat(exprs).as(file).hasSizeGreaterThan(5);
            for (String expr : exprs) {
                Set<String> used = metricNames(expr);
                assertThat(used).as("metrics of %s in %s", expr, file).isNotEmpty();
                assertThat(exported).as("exported, for %s in %s", expr, file).containsAll(used);
            }
        });
    }

    @Test
    void readsMetricNamesOutOfPromQl() {
        assertThat(
                        metricNames(
                                "histogram_quantile(0.99, sum by (le) (rate(hookline_delivery_lag_seconds_bucket{attempt=\"first\"}[5m]))) > 30"))
                .containsExactly("hookline_delivery_lag_seconds_bucket");
        assertThat(metricNames("sum(rate(a_total{x!=\"y\"}[$__rate_interval])) / sum(rate(b_total[15m])) > 0.05 and"
                        + " max(c offset 1h) > 0"))
                .containsExactly("a_total", "b_total", "c");
    }

    private static List<String> dashboardExpressions() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DIRECTORY.resolve("grafana-dashboard.json")));
        assertThat(dashboard.path("panels").size()).isGreaterThan(5);
        List<String> exprs = new ArrayList<>();
        collect(dashboard, "expr", exprs);
        return exprs;
    }

    private static List<String> alertExpressions() throws Exception {
        JsonNode rules = new ObjectMapper(new YAMLFactory())
                .readTree(DIRECTORY.resolve("prometheus-alerts.yml").toFile());
        List<String> exprs = new ArrayList<>();
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                assertThat(rule.path("alert").asText()).as("rule name").isNotBlank();
                exprs.add(rule.path("expr").asText());
            }
        }
        return exprs;
    }

    private static void collect(JsonNode node, String field, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals(field) && e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                } else {
                    collect(e.getValue(), field, out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, field, out));
        }
    }

    /**
     * The metric names in a PromQL expression: its identifiers less label matchers, ranges, strings, Grafana's
     * variables, the grouping clauses' label lists, function names and PromQL's keywords.
     */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\$\\{?[a-zA-Z_][a-zA-Z0-9_]*}?", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\boffset\\s+\\S+", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            String word = m.group();
            int after = m.end();
            while (after < bare.length() && Character.isWhitespace(bare.charAt(after))) {
                after++;
            }
            boolean function = after < bare.length() && bare.charAt(after) == '(';
            boolean number = m.start() > 0 && Character.isDigit(bare.charAt(m.start() - 1));
            if (!function && !number && !PROMQL_WORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }
}
