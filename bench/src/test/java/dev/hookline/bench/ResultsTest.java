package dev.hookline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultsTest {
    @Test
    void summaryKeepsItsKeysInOrderAndEndsWithTheSingleSendAndBurstFigures() {
        Results results = new Results();
        results.figure("ingest_per_s", 4173);
        results.figure("deliveries_per_s", 5714);
        results.figure("raw_posts_per_s", 19657);
        results.figure("p50_ms", 5.7);
        results.figure("p99_ms", 82.1);
        results.figure("e2e_per_s", 2281);
        results.figure("e2e_accepted_per_s", 2559);
        results.figure("fleet500_answer_p99_ms", 34.4);
        results.figure("fleet500_e2e_p99_ms", 31.0);
        results.figure("burst100_tenant_answer_p50_ms", 33.0);
        results.figure("burst100_admin_answer_p50_ms", 14.0);
        results.figure("one_endpoint_deliveries_per_s", 5200);

        assertThat(results.summary())
                .isEqualTo("summary: ingest_per_s=4173 deliveries_per_s=5714 raw_posts_per_s=19657 ratio=0.29"
                        + " p50_ms=5.7 p99_ms=82.1 e2e_per_s=2281 e2e_accepted_per_s=2559"
                        + " fleet500_answer_p99_ms=34.4 fleet500_e2e_p99_ms=31.0"
                        + " burst100_tenant_p50_ms=33.0 burst100_admin_p50_ms=14.0 one_endpoint_deliveries_per_s=5200");
    }

    @Test
    void scenariosLeftOutOfARunAreNotApplicableInTheSummary() {
        Results results = new Results();
        results.figure("raw_posts_per_s", 19657);
        results.figure("e2e_per_s", 2281);

        assertThat(results.summary())
                .contains("ingest_per_s=n/a", "raw_posts_per_s=19657", "e2e_per_s=2281")
                .contains("fleet500_answer_p99_ms=n/a", "fleet500_e2e_p99_ms=n/a", "burst100_tenant_p50_ms=n/a");
    }
}
