package dev.hookline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenariosTest {
    @Test
    void medianOfTheRawRoundsIsTheMiddleOneWhateverTheirOrder() {
        double[] rounds = {22_884, 38_944, 36_110};

        assertThat(Scenarios.median(rounds)).isEqualTo(36_110);
        assertThat(rounds).containsExactly(22_884, 38_944, 36_110); // the notes list them in the order run
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Scenarios.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(Scenarios.median(new double[] {7})).isEqualTo(7);
    }

    @Test
    void cpuGroupsFoldIntoProcessesWithThePlatformsThreadsAndWorkersAsOne() {
        Map<String, Double> seconds = Map.of(
                "platform: API", 1.0,
                "platform: worker HTTP client", 0.5,
                "worker processes", 0.25,
                "PostgreSQL", 2.0,
                "Redis", 0.125,
                "benchmark: load", 0.75,
                "benchmark: receiver", 0.375,
                "benchmark: other threads", 0.0625,
                "other processes", 0.0625);

        assertThat(Scenarios.byProcess(seconds))
                .containsExactly(
                        Map.entry("API+worker", 1.75),
                        Map.entry("PostgreSQL", 2.0),
                        Map.entry("Redis", 0.125),
                        Map.entry("load", 0.75),
                        Map.entry("receiver", 0.375),
                        Map.entry("other", 0.125));
    }
}
