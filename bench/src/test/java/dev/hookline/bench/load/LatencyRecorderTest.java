package dev.hookline.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        LatencyRecorder recorder = new LatencyRecorder(100);
        for (int i = 1; i <= 100; i++) {
            recorder.record(i * 1_000_000L);
        }
        assertThat(recorder.percentilesMillis(50, 99, 100)).containsExactly(50.0, 99.0, 100.0);
    }

    @Test
    void bySecondGroupsLatenciesByWhenTheyEnded() {
        // given latencies recorded now, all in the second that started at the origin
        LatencyRecorder recorder = new LatencyRecorder(10);
        long origin = System.nanoTime();
        recorder.record(5_000_000L);
        recorder.record(1_000_000L);
        recorder.record(9_000_000L);

        // then one second holds the three, with their median and maximum
        assertThat(recorder.bySecond(origin)).singleElement().satisfies(s -> {
            assertThat(s.count()).isEqualTo(3);
            assertThat(s.p50Millis()).isEqualTo(5.0);
            assertThat(s.maxMillis()).isEqualTo(9.0);
        });
        // and seen from an origin two seconds earlier, they fall in second 2
        assertThat(recorder.bySecond(origin - 2_000_000_000L))
                .singleElement()
                .satisfies(s -> assertThat(s.second()).isEqualTo(2));
    }

    @Test
    void aFullRecorderKeepsWhatItHasAndCountsNoMore() {
        LatencyRecorder recorder = new LatencyRecorder(2);
        recorder.record(1);
        recorder.record(2);
        recorder.record(3);
        assertThat(recorder.count()).isEqualTo(2);
        assertThat(recorder.bySecond(0).stream()
                        .mapToInt(LatencyRecorder.Second::count)
                        .sum())
                .isEqualTo(2);
    }
}
