package dev.hookline.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** The benchmark report's chart: throughput bars on the left, latency percentiles per offered rate on the right. */
final class Chart {
    private Chart() {}

    static void write(Results r, Path png) throws IOException {
        CategoryChart throughput = new CategoryChartBuilder()
                .width(640)
                .height(420)
                .title("Throughput (per second)")
                .yAxisTitle("per second")
                .build();
        throughput.getStyler().setLegendVisible(false);
        throughput.getStyler().setLabelsVisible(true);
        throughput.getStyler().setChartBackgroundColor(Color.WHITE);
        throughput.addSeries(
                "throughput",
                List.of("ingest single", "ingest batch", "deliveries", "raw POSTs"),
                List.of(
                        orZero(r.figure("ingest_per_s")), orZero(r.figure("ingest_batch_per_s")),
                        orZero(r.figure("deliveries_per_s")), orZero(r.figure("raw_posts_per_s"))));

        CategoryChart latency = new CategoryChartBuilder()
                .width(640)
                .height(420)
                .title("Send to receipt latency (ms)")
                .yAxisTitle("ms")
                .build();
        latency.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        latency.getStyler().setLabelsVisible(true);
        latency.getStyler().setChartBackgroundColor(Color.WHITE);
        List<String> percentiles = List.of("p50", "p99", "p99.9");
        for (int rate : new int[] {500, 2000}) {
            latency.addSeries(
                    rate + "/s offered",
                    percentiles,
                    List.of(
                            orZero(r.figure("lat" + rate + "_p50_ms")),
                            orZero(r.figure("lat" + rate + "_p99_ms")),
                            orZero(r.figure("lat" + rate + "_p999_ms"))));
        }

        BufferedImage left = BitmapEncoder.getBufferedImage(throughput);
        BufferedImage right = BitmapEncoder.getBufferedImage(latency);
        BufferedImage both = new BufferedImage(
                left.getWidth() + right.getWidth(),
                Math.max(left.getHeight(), right.getHeight()),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, both.getWidth(), both.getHeight());
        g.drawImage(left, 0, 0, null);
        g.drawImage(right, left.getWidth(), 0, null);
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(both, "png", png.toFile());
    }

    /** Whole numbers above 100, one decimal below, so the bar labels stay readable. */
    private static double orZero(double v) {
        if (Double.isNaN(v)) {
            return 0;
        }
        return Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 10) / 10.0;
    }
}
