package dev.hookline.core.redis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Where Redis is, in one of three shapes, and the one way Hookline connects to it:
 *
 * <ul>
 *   <li>{@code redis://[user:password@]host[:port][/database]}: one server ({@code rediss://} for TLS);
 *   <li>{@code redis-cluster://[user:password@]host:port[,host:port…]}: a Redis Cluster, given by any of its nodes
 *       ({@code rediss-cluster://} for TLS); the client learns the rest of the cluster from them;
 *   <li>{@code redis-sentinel://[user:password@]host:port[,host:port…]/master-name[/database]}: the master that
 *       these Sentinels name ({@code rediss-sentinel://} for TLS); the credentials are the data nodes', the
 *       Sentinels are reached without.
 * </ul>
 *
 * Whatever the shape, the client is a {@link UnifiedJedis}: the same commands, pipelines and pub/sub.
 */
public record RedisUrl(
        Mode mode, boolean tls, List<HostAndPort> nodes, String user, String password, int database, String master) {

    public enum Mode {
        STANDALONE,
        CLUSTER,
        SENTINEL
    }

    /**
     * Connections one client may hold to a node. Idle ones cost nothing until used; a worker holds one per queue
     * shard while its readers wait for entries, and the rest serve pipelines, publishing and the auth-cache
     * subscription.
     */
    static final int MAX_CONNECTIONS_PER_NODE = 256;

    /** A command that has not answered in this long has lost its connection. */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);

    /** The same for blocking reads, which the queue bounds to well under a second of waiting in Redis. */
    static final Duration BLOCKING_SOCKET_TIMEOUT = Duration.ofSeconds(10);

    public RedisUrl {
        Objects.requireNonNull(mode, "mode == null");
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no host");
        }
        if (mode == Mode.STANDALONE && nodes.size() > 1) {
            throw new IllegalArgumentException("several hosts need redis-cluster:// or redis-sentinel://");
        }
        if (mode == Mode.SENTINEL && (master == null || master.isEmpty())) {
            throw new IllegalArgumentException("redis-sentinel:// needs the master's name as its path: /mymaster");
        }
        if (mode == Mode.CLUSTER && database != 0) {
            throw new IllegalArgumentException("a Redis Cluster has only database 0");
        }
    }

    /** Parses any of the three shapes; the message of the exception never contains the password. */
    public static RedisUrl parse(String url) {
        Objects.requireNonNull(url, "url == null");
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            throw new IllegalArgumentException("must start with redis://, rediss://, redis-cluster://, "
                    + "rediss-cluster://, redis-sentinel:// or rediss-sentinel://");
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        boolean tls = scheme.startsWith("rediss");
        Mode mode = !scheme.startsWith("redis")
                ? null
                : switch (scheme.substring(tls ? 6 : 5)) {
                    case "" -> Mode.STANDALONE;
                    case "-cluster" -> Mode.CLUSTER;
                    case "-sentinel" -> Mode.SENTINEL;
                    default -> null;
                };
        if (mode == null) {
            throw new IllegalArgumentException("unknown scheme " + scheme + "://");
        }
        String rest = url.substring(schemeEnd + 3);
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        int at = rest.lastIndexOf('@');
        int slash = rest.indexOf('/', Math.max(at, 0));
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        String user = null;
        String password = null;
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                password = decode(userInfo); // redis://secret@host, as RedisClient reads it
            } else {
                user = colon == 0 ? null : decode(userInfo.substring(0, colon));
                password = decode(userInfo.substring(colon + 1));
            }
        }
        List<HostAndPort> nodes = new ArrayList<>();
        for (String node : authority.split(",")) {
            if (!node.isBlank()) {
                nodes.add(hostAndPort(node.trim()));
            }
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(decode(segment));
            }
        }
        String master = null;
        if (mode == Mode.SENTINEL && !segments.isEmpty()) {
            master = segments.remove(0);
        }
        int database = 0;
        if (segments.size() == 1) {
            try {
                database = Integer.parseInt(segments.get(0));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the path must be a database number, not " + segments.get(0));
            }
        } else if (segments.size() > 1) {
            throw new IllegalArgumentException("too many path segments");
        }
        return new RedisUrl(mode, tls, nodes, user, password, database, master);
    }

    /**
     * A client for this Redis. Connections to a node are pooled (at most {@value #MAX_CONNECTIONS_PER_NODE}; a
     * caller waits up to 5 s for one), commands time out after 2 s, and on a cluster a command is tried up to 5
     * times within 10 s, following MOVED and ASK redirections and riding out the promotion of a replica.
     */
    public UnifiedJedis connect() {
        JedisClientConfig config = clientConfig(user, password, database);
        return switch (mode) {
            case STANDALONE ->
                RedisClient.builder()
                        .hostAndPort(nodes.get(0))
                        .clientConfig(config)
                        .poolConfig(poolConfig())
                        .build();
            case CLUSTER ->
                RedisClusterClient.builder()
                        .nodes(new LinkedHashSet<>(nodes))
                        .clientConfig(config)
                        .poolConfig(poolConfig())
                        .maxAttempts(5)
                        .maxTotalRetriesDuration(Duration.ofSeconds(10))
                        .build();
            case SENTINEL ->
                RedisSentinelClient.builder()
                        .masterName(master)
                        .sentinels(new LinkedHashSet<>(nodes))
                        .clientConfig(config)
                        .sentinelClientConfig(clientConfig(null, null, 0))
                        .poolConfig(poolConfig())
                        .build();
        };
    }

    /** The URL as it can be logged: the password replaced by {@code ***}. */
    public String redacted() {
        String scheme = (tls ? "rediss" : "redis")
                + switch (mode) {
                    case STANDALONE -> "";
                    case CLUSTER -> "-cluster";
                    case SENTINEL -> "-sentinel";
                };
        StringBuilder out = new StringBuilder(scheme).append("://");
        if (user != null || password != null) {
            out.append(user == null ? "" : user)
                    .append(password == null ? "" : ":***")
                    .append('@');
        }
        for (int i = 0; i < nodes.size(); i++) {
            out.append(i == 0 ? "" : ",").append(hostText(nodes.get(i)));
        }
        if (master != null) {
            out.append('/').append(master);
        }
        if (database != 0) {
            out.append('/').append(database);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return redacted();
    }

    private JedisClientConfig clientConfig(String user, String password, int database) {
        return DefaultJedisClientConfig.builder()
                .user(user)
                .password(password)
                .database(database)
                .ssl(tls)
                .connectionTimeoutMillis((int) SOCKET_TIMEOUT.toMillis())
                .socketTimeoutMillis((int) SOCKET_TIMEOUT.toMillis())
                .blockingSocketTimeoutMillis((int) BLOCKING_SOCKET_TIMEOUT.toMillis())
                .clientName("hookline")
                .build();
    }

    private static GenericObjectPoolConfig<Connection> poolConfig() {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(MAX_CONNECTIONS_PER_NODE);
        pool.setMaxIdle(MAX_CONNECTIONS_PER_NODE);
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(Duration.ofSeconds(5));
        return pool;
    }

    private static HostAndPort hostAndPort(String text) {
        String host;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed [ in a host");
            }
            host = text.substring(1, close);
            if (text.length() > close + 1) {
                if (text.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("expected :port after ]");
                }
                port = text.substring(close + 2);
            }
        } else {
            int colon = text.lastIndexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? null : text.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        int number = 6379;
        if (port != null) {
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port must be a number");
            }
            if (number < 1 || number > 65535) {
                throw new IllegalArgumentException("port must be 1 to 65535");
            }
        }
        return new HostAndPort(host, number);
    }

    private static String hostText(HostAndPort node) {
        String host = node.getHost().contains(":") ? "[" + node.getHost() + "]" : node.getHost();
        return host + ":" + node.getPort();
    }

    /** Percent-decoding as in a URI's user info and path ({@code +} stays a plus). */
    private static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '%') {
                int value = i + 3 <= text.length()
                        ? Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16)
                        : -1;
                if (value < 0 || Character.digit(text.charAt(i + 2), 16) < 0) {
                    throw new IllegalArgumentException("a %-escape in the URL is not two hex digits");
                }
                out.write(value);
                i += 3;
            } else {
                int codePoint = text.codePointAt(i);
                out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
