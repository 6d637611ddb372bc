package dev.hookline.bench;

import static org.assertj.core.api.Assertions.assertThat;

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
}
