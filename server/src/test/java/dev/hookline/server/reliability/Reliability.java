package dev.hookline.server.reliability;

import dev.hookline.server.testing.TestApp;
import java.util.StringJoiner;

/**
 * What the reliability tests share: the soak switch, their one greppable report line each, and counting rows.
 *
 * <p>{@code -Dhookline.soak=true} scales counts and durations up for a long run by hand; CI runs the short ones.
 * Every test prints {@code reliability: test=<name> key=value …} to stdout (the surefire output file), which is where
 * docs/reliability.md takes its figures from: {@code grep -h '^reliability:' server/target/surefire-reports/*-output.txt}.
 */
final class Reliability {
    private Reliability() {}

    static boolean soak() {
        return Boolean.getBoolean("hookline.soak");
    }

    /** The CI figure, or the soak figure when soaking. */
    static int pick(int ci, int soak) {
        return soak() ? soak : ci;
    }

    /** Prints {@code reliability: test=name k1=v1 k2=v2 …}; {@code keyValues} alternate names and values. */
    static void report(String test, Object... keyValues) {
        StringJoiner line = new StringJoiner(" ", "reliability: test=" + test + " ", "");
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.add(keyValues[i] + "=" + keyValues[i + 1]);
        }
        line.add("soak=" + soak());
        System.out.println(line);
    }

    /** One number from the class's database, e.g. {@code count(app, "SELECT count(*) FROM messages")}. */
    static long count(TestApp app, String sql, Object... args) {
        return app.env().jdbi().withHandle(h -> {
            var query = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                query.bind(i, args[i]);
            }
            return query.mapTo(Long.class).one();
        });
    }
}
