package dev.hookline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.server.errors.ApiException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IteratorSealTest {
    static final String SCOPE = "v1/tenants/acme/attempts";
    static final String ID = "atm_01KDVDNA3V7ABCDEFGHJKMNPQR";
    final IteratorSeal seal = new IteratorSeal(new byte[32]);

    @Test
    void opensWhatItSealedForTheSameList() {
        String iterator = seal.seal(SCOPE, ID);
        assertThat(iterator).doesNotContain(ID).matches("[A-Za-z0-9_-]+");
        assertThat(seal.open(SCOPE, iterator)).isEqualTo(ID);
    }

    @Test
    void refusesAnotherListsAnotherKeysOrAnEditedIterator() {
        String iterator = seal.seal(SCOPE, ID);
        byte[] otherKey = new byte[32];
        Arrays.fill(otherKey, (byte) 1);
        String swappedId = new IteratorSeal(new byte[32])
                        .seal(SCOPE, "atm_11KDVDNA3V7ABCDEFGHJKMNPQR")
                        .substring(0, 20)
                + iterator.substring(20);
        assertRefused(() -> seal.open("v1/tenants/globex/attempts", iterator));
        assertRefused(() -> new IteratorSeal(otherKey).open(SCOPE, iterator));
        assertRefused(() -> seal.open(SCOPE, swappedId));
        assertRefused(() -> seal.open(SCOPE, iterator.substring(0, iterator.length() - 2)));
        assertRefused(() -> seal.open(SCOPE, "%%%"));
        assertRefused(() -> seal.open(SCOPE, ID));
    }

    private static void assertRefused(Runnable open) {
        assertThatThrownBy(open::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.details())
                    .singleElement()
                    .satisfies(d -> assertThat(d.field()).isEqualTo("iterator"));
        });
    }
}
