package dev.hookline.server.metrics;

import com.codahale.metrics.Counting;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricFilter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A Dropwizard {@link MetricRegistry} seen as Prometheus metrics, read at each scrape: a gauge (numeric or boolean)
 * and a Dropwizard counter (which can go down) as a gauge, a meter as a counter ({@code _total}), a histogram as a
 * summary of its reservoir's quantiles, a timer as such a summary in seconds. A name is the Dropwizard name with every
 * character Prometheus does not allow (dots, dashes) written {@code _}. (The Prometheus client's own Dropwizard
 * Metrics 4 bridge is not served by the package registry this project builds from; this one uses the client's
 * model the same way.)
 */
final class DropwizardBridge implements MultiCollector {
    private static final double[] QUANTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};
    private static final double SECONDS_PER_NANO = 1.0 / TimeUnit.SECONDS.toNanos(1);

    private final MetricRegistry registry;
    private final MetricFilter filter;

    DropwizardBridge(MetricRegistry registry, MetricFilter filter) {
        this.registry = registry;
        this.filter = filter;
    }

    @Override
    public MetricSnapshots collect() {
        MetricSnapshots.Builder out = MetricSnapshots.builder();
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, Metric> e : registry.getMetrics().entrySet()) {
            if (!filter.matches(e.getKey(), e.getValue())) {
                continue;
            }
            String name = name(e.getKey());
            if (!PrometheusNaming.isValidMetricName(name) || !names.add(name)) {
                continue; // a name taken twice once sanitised, or reserved: left out rather than break the scrape
            }
            MetricSnapshot snapshot = snapshot(name, e.getKey(), e.getValue());
            if (snapshot != null) {
                out.metricSnapshot(snapshot);
            }
        }
        return out.build();
    }

    private static MetricSnapshot snapshot(String name, String dropwizardName, Metric metric) {
        String help = "Dropwizard metric " + dropwizardName;
        if (metric instanceof Gauge<?> gauge) {
            Object value = gauge.getValue();
            double number;
            if (value instanceof Number n) {
                number = n.doubleValue();
            } else if (value instanceof Boolean b) {
                number = b ? 1 : 0;
            } else {
                return null;
            }
            return gauge(name, help, number);
        }
        if (metric instanceof com.codahale.metrics.Counter counter) {
            return gauge(name, help, counter.getCount());
        }
        if (metric instanceof Timer timer) {
            return summary(name, help, timer, timer.getSnapshot(), SECONDS_PER_NANO, Unit.SECONDS);
        }
        if (metric instanceof com.codahale.metrics.Histogram histogram) {
            return summary(name, help, histogram, histogram.getSnapshot(), 1, null);
        }
        if (metric instanceof com.codahale.metrics.Meter meter) {
            return CounterSnapshot.builder()
                    .name(name)
                    .help(help)
                    .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                            .value(meter.getCount())
                            .build())
                    .build();
        }
        return null;
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder()
                .name(name)
                .help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .value(value)
                        .build())
                .build();
    }

    private static SummarySnapshot summary(
            String name, String help, Counting counting, Snapshot snapshot, double factor, Unit unit) {
        Quantiles.Builder quantiles = Quantiles.builder();
        for (double q : QUANTILES) {
            quantiles.quantile(q, snapshot.getValue(q) * factor);
        }
        SummarySnapshot.Builder builder = SummarySnapshot.builder()
                .name(unit == null ? name : name + "_" + unit)
                .help(help)
                .dataPoint(SummarySnapshot.SummaryDataPointSnapshot.builder()
                        .count(counting.getCount())
                        .quantiles(quantiles.build())
                        .build());
        if (unit != null) {
            builder.unit(unit);
        }
        return builder.build();
    }

    /** The Dropwizard name with each character a Prometheus name may not hold written {@code _}. */
    static String name(String dropwizardName) {
        StringBuilder out = new StringBuilder(dropwizardName.length());
        for (int i = 0; i < dropwizardName.length(); i++) {
            char c = dropwizardName.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || c == '_'
                    || c == ':'
                    || (i > 0 && c >= '0' && c <= '9');
            out.append(allowed ? c : '_');
        }
        return out.toString();
    }
}
