package dev.hookline.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.core.redis.RedisUrl.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

class RedisUrlTest {
    @Test
    void aSingleServerWithCredentialsAndDatabase() {
        RedisUrl url = RedisUrl.parse("rediss://app:p%40ss@cache.internal:6380/15");
        assertThat(url.mode()).isEqualTo(Mode.STANDALONE);
        assertThat(url.tls()).isTrue();
        assertThat(url.nodes()).containsExactly(new HostAndPort("cache.internal", 6380));
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("p@ss");
        assertThat(url.database()).isEqualTo(15);
    }

    @Test
    void aPasswordAloneAndTheDefaultPort() {
        RedisUrl url = RedisUrl.parse("redis://:secret@127.0.0.1");
        assertThat(url.user()).isNull();
        assertThat(url.password()).isEqualTo("secret");
        assertThat(url.nodes()).containsExactly(new HostAndPort("127.0.0.1", 6379));
        assertThat(RedisUrl.parse("redis://secret@127.0.0.1").password()).isEqualTo("secret");
    }

    @Test
    void aClusterGivenBySeedNodes() {
        RedisUrl url = RedisUrl.parse("redis-cluster://127.0.0.1:7000,127.0.0.1:7001,[::1]:7002");
        assertThat(url.mode()).isEqualTo(Mode.CLUSTER);
        assertThat(url.tls()).isFalse();
        assertThat(url.nodes())
                .containsExactly(
                        new HostAndPort("127.0.0.1", 7000),
                        new HostAndPort("127.0.0.1", 7001),
                        new HostAndPort("::1", 7002));
        assertThat(RedisUrl.parse("rediss-cluster://u:p@a:1").tls()).isTrue();
    }

    @Test
    void sentinelsAndTheMastersName() {
        RedisUrl url = RedisUrl.parse("redis-sentinel://:pw@10.0.0.1:26379,10.0.0.2:26379/mymaster/2");
        assertThat(url.mode()).isEqualTo(Mode.SENTINEL);
        assertThat(url.master()).isEqualTo("mymaster");
        assertThat(url.database()).isEqualTo(2);
        assertThat(url.password()).isEqualTo("pw");
        assertThat(url.nodes()).hasSize(2);
    }

    @Test
    void mistakesAreNamedWithoutThePassword() {
        for (String bad : List.of(
                "http://h:1",
                "redis://a:1,b:2",
                "redis-sentinel://:hunter2@h:26379",
                "redis-cluster://:hunter2@h:1/3",
                "redis://:hunter2@h:notaport",
                "redis://:hunter2@h:1/x/y",
                "redis://:hunter2%zz@h:1")) {
            assertThatThrownBy(() -> RedisUrl.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
        }
    }

    @Test
    void itPrintsWithoutItsPassword() {
        RedisUrl url = RedisUrl.parse("rediss-cluster://app:hunter2@a:7000,b:7001");
        assertThat(url.toString()).isEqualTo("rediss-cluster://app:***@a:7000,b:7001");
        assertThat(RedisUrl.parse("redis-sentinel://s:26379/m").redacted()).isEqualTo("redis-sentinel://s:26379/m");
    }
}
