package dev.hookline.bench.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many times Redis ran each command, from {@code INFO commandstats} (one Redis server, on loopback): read before
 * and after a scenario, the difference per delivery is the queue's cost in Redis operations. It counts every client
 * of that server, so the benchmark gives the platform a Redis of its own ({@code bench/run.sh --own-redis}). A
 * minimal RESP client: the benchmark carries no Redis library.
 */
public final class RedisCommandStats {
    private static final Pattern CALLS = Pattern.compile("cmdstat_([a-z|_]+):calls=(\\d+)");

    private final String host;
    private final int port;

    /** {@code hostPort}: {@code 127.0.0.1:6379}. */
    public RedisCommandStats(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        this.host = hostPort.substring(0, colon);
        this.port = Integer.parseInt(hostPort.substring(colon + 1));
    }

    /** Calls so far by command, lower case ({@code xadd}, {@code evalsha}, …). */
    public Map<String, Long> calls() throws IOException {
        Map<String, Long> calls = new LinkedHashMap<>();
        Matcher m = CALLS.matcher(info("commandstats"));
        while (m.find()) {
            calls.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return calls;
    }

    /** The differences per command between two readings, most frequent first, without the zero ones. */
    public static Map<String, Long> between(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> out = new LinkedHashMap<>();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private String info(String section) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("*2\r\n$4\r\nINFO\r\n$" + section.length() + "\r\n" + section + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String header = line(in); // $<length> of a bulk string
            if (!header.startsWith("$")) {
                throw new IOException("unexpected answer to INFO: " + header);
            }
            byte[] body = in.readNBytes(Integer.parseInt(header.substring(1)));
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                buffer.write(c);
            }
        }
        return buffer.toString(StandardCharsets.US_ASCII);
    }
}
