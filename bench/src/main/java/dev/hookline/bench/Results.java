package dev.hookline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a run measured: table rows for people, named figures for the summary line and the chart. */
public final class Results {
    /** One table row: the scenario, what was measured, and how it came about. */
    public record Row(String scenario, String metric, String value, String note) {}

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Double> figures = new LinkedHashMap<>();
    private final Map<String, String> files = new LinkedHashMap<>();

    public void add(String scenario, String metric, double value, String unit, String note) {
        rows.add(new Row(scenario, metric, format(value) + (unit.isEmpty() ? "" : " " + unit), note));
    }

    public void note(String scenario, String metric, String value, String note) {
        rows.add(new Row(scenario, metric, value, note));
    }

    public void figure(String name, double value) {
        figures.put(name, value);
    }

    public double figure(String name) {
        return figures.getOrDefault(name, Double.NaN);
    }

    /** A file of detail beside the table (a CSV timeline), written with it. */
    public void file(String name, String content) {
        files.put(name, content);
    }

    public String table() {
        StringBuilder b = new StringBuilder("| scenario | metric | value | notes |\n|---|---|---|---|\n");
        for (Row r : rows) {
            b.append("| ")
                    .append(r.scenario())
                    .append(" | ")
                    .append(r.metric())
                    .append(" | ")
                    .append(r.value())
                    .append(" | ")
                    .append(r.note())
                    .append(" |\n");
        }
        return b.toString();
    }

    public String summary() {
        return String.format(
                Locale.ROOT,
                "summary: ingest_per_s=%s deliveries_per_s=%s raw_posts_per_s=%s ratio=%.2f p50_ms=%s p99_ms=%s"
                        + " e2e_per_s=%s e2e_accepted_per_s=%s fleet500_answer_p99_ms=%s fleet500_e2e_p99_ms=%s"
                        + " burst100_tenant_p50_ms=%s burst100_admin_p50_ms=%s one_endpoint_deliveries_per_s=%s",
                format(figure("ingest_per_s")),
                format(figure("deliveries_per_s")),
                format(figure("raw_posts_per_s")),
                figure("deliveries_per_s") / figure("raw_posts_per_s"),
                format(figure("p50_ms")),
                format(figure("p99_ms")),
                format(figure("e2e_per_s")),
                format(figure("e2e_accepted_per_s")),
                format(figure("fleet500_answer_p99_ms")),
                format(figure("fleet500_e2e_p99_ms")),
                format(figure("burst100_tenant_answer_p50_ms")),
                format(figure("burst100_admin_answer_p50_ms")),
                format(figure("one_endpoint_deliveries_per_s")));
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.md"), table() + "\n" + summary() + "\n");
        StringBuilder props = new StringBuilder();
        figures.forEach((k, v) -> props.append(k).append('=').append(format(v)).append('\n'));
        Files.writeString(dir.resolve("figures.properties"), props.toString());
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
