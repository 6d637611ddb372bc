package dev.hookline.core.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void idsArePrefixedAndSortInCreationOrder() {
        String earlier = Ids.next("msg", 1_700_000_000_000L);
        String later = Ids.next("msg", 1_700_000_000_001L);
        assertThat(earlier).startsWith("msg_").hasSize(4 + 26);
        assertThat(later).isGreaterThan(earlier);
        assertThat(Ids.floor("msg", 1_700_000_000_001L)).isGreaterThan(earlier).isLessThanOrEqualTo(later);
    }

    @Test
    void idsMadeInTheSameMillisecondAreUnique() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(Ids.next("atm", 42L));
        }
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
    }

    @Test
    void recognisesItsOwnShape() {
        assertThat(Ids.looksLike("ep", Ids.next("ep"))).isTrue();
        assertThat(Ids.looksLike("ep", "ep_short")).isFalse();
        assertThat(Ids.looksLike("ep", Ids.next("msg"))).isFalse();
        assertThat(Ids.looksLike("ep", "ep_" + "U".repeat(26))).isFalse();
    }
}
