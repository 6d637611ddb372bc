package dev.hookline.server.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A scrape of the Prometheus text exposition, parsed into samples: enough for the tests, not a full parser. */
public record PrometheusText(String body, List<Sample> samples) {
    private static final Pattern LINE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\S+)?$");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample: its series name (with a {@code _bucket}, {@code _count}, {@code _total} suffix), labels, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
        /** The series' identity: name and sorted labels. */
        public String series() {
            return name + new TreeMap<>(labels);
        }
    }

    /** GETs {@code url} and parses it; fails unless the answer is 200 in the text format. */
    public static PrometheusText scrape(String url) throws IOException, InterruptedException {
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("scrape of " + url + " answered " + response.statusCode());
        }
        String type = response.headers().firstValue("content-type").orElse("");
        if (!type.startsWith("text/plain")) {
            throw new AssertionError("scrape of " + url + " answered content-type " + type);
        }
        return parse(response.body());
    }

    public static PrometheusText parse(String body) {
        List<Sample> samples = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("not a sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, parseValue(m.group(3))));
        }
        return new PrometheusText(body, List.copyOf(samples));
    }

    private static double parseValue(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    /** The metric families named in {@code # TYPE} lines. */
    public Set<String> families() {
        return body.lines()
                .filter(l -> l.startsWith("# TYPE "))
                .map(l -> l.split(" ")[2])
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** Every sample name, suffixes included. */
    public Set<String> names() {
        return samples.stream().map(Sample::name).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The value of the one sample named {@code name} with exactly {@code labels} (pairs of name and value). */
    public Optional<Double> value(String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().equals(wanted))
                .map(Sample::value)
                .findFirst();
    }

    public List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }
}
