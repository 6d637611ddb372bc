package dev.hookline.core.queue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisAskDataException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisMovedDataException;
import redis.clients.jedis.util.IOUtils;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Commands sent together in pipelines: whatever their number, one round trip.
 *
 * <p>On one Redis server that is the client's pipeline. On a Redis Cluster each slot the commands touch gets a
 * pipeline on a connection to the master the client's slot map names; all of them are written before any answer
 * is read, so the round trips overlap. (Jedis's own cluster pipeline starts a pool of threads for every sync, and
 * its handling of a node that fails mid-sync is not thread-safe: it threw a NullPointerException when a master was
 * killed.)
 *
 * <p>A pipeline neither follows redirections nor refreshes the slot map: a command for a slot that moved answers
 * {@code MOVED}, one for a slot being moved answers {@code ASK}, and one for a node that went away gets no answer.
 * Such a command is sent again through the client, which does follow them: the first one alone (its {@code MOVED}
 * refreshes the slot map, and a node's failure is ridden out until its replica is promoted or the client's retry
 * deadline passes), the others in one more round of pipelines, and what still fails one by one. No error of that
 * kind reaches the caller unless the client gave up as well.
 */
final class Pipelined {
    /** One command: its key (which decides its slot), how to add it to a pipeline, and how to send it alone. */
    private record Command<T>(
            String key, Function<AbstractPipeline, Response<T>> piped, Function<UnifiedJedis, T> alone) {}

    /** The answer to one command, once {@link #sync()} returned. */
    static final class Result<T> {
        private T value;
        private RuntimeException error;
        private boolean done;

        /** The command's answer, or the error Redis answered it with (thrown here). */
        T get() {
            if (!done) {
                throw new IllegalStateException("sync() first");
            }
            if (error != null) {
                throw error;
            }
            return value;
        }

        RuntimeException error() {
            return error;
        }

        private void answer(Object v) {
            @SuppressWarnings("unchecked")
            T t = (T) v;
            value = t;
            error = null;
            done = true;
        }

        private void fail(RuntimeException e) {
            value = null;
            error = e;
            done = true;
        }
    }

    /** How many pipelined commands a cluster redirected, since start: for the metrics and the tests. */
    static final class Redirects {
        final LongAdder moved = new LongAdder();
        final LongAdder asked = new LongAdder();
        final LongAdder unreachable = new LongAdder();
    }

    /** The pipeline of one slot on a cluster. */
    private record SlotPipeline(Connection connection, Pipeline pipeline, List<Integer> commands) {}

    private final UnifiedJedis redis;
    private final Redirects redirects;
    private final List<Command<?>> commands = new ArrayList<>();
    private final List<Result<?>> results = new ArrayList<>();

    Pipelined(UnifiedJedis redis, Redirects redirects) {
        this.redis = redis;
        this.redirects = redirects;
    }

    /** Adds a command on {@code key} (its first key, for a script). */
    <T> Result<T> add(String key, Function<AbstractPipeline, Response<T>> piped, Function<UnifiedJedis, T> alone) {
        commands.add(new Command<>(key, piped, alone));
        Result<T> result = new Result<>();
        results.add(result);
        return result;
    }

    /**
     * Sends everything and waits for every answer. Throws only what the single-server client throws for a lost
     * connection; an error Redis answered a command with is that command's {@link Result}.
     */
    void sync() {
        List<Integer> all = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            all.add(i);
        }
        List<Integer> redirected = pipeline(all);
        if (redirected.isEmpty()) {
            return;
        }
        int first = redirected.get(0);
        alone(first);
        RuntimeException firstError = results.get(first).error();
        if (firstError instanceof JedisConnectionException || firstError instanceof JedisClusterOperationException) {
            // The client gave up on that node after its retries: the others bound for it would wait as long again.
            for (int i : redirected.subList(1, redirected.size())) {
                results.get(i).fail(firstError);
            }
            return;
        }
        for (int i : pipeline(redirected.subList(1, redirected.size()))) {
            alone(i);
        }
    }

    /** Runs {@code which} commands in pipelines; answers those to send again. */
    private List<Integer> pipeline(List<Integer> which) {
        List<Integer> retry = new ArrayList<>();
        if (which.isEmpty()) {
            return retry;
        }
        if (redis instanceof RedisClusterClient cluster) {
            clusterPipelines(cluster, which, retry);
            return retry;
        }
        List<Response<?>> responses = new ArrayList<>(which.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (int i : which) {
                responses.add(commands.get(i).piped().apply(pipeline));
            }
            pipeline.sync();
        }
        for (int k = 0; k < which.size(); k++) {
            collect(which.get(k), responses.get(k), retry);
        }
        return retry;
    }

    /** A pipeline per slot, all written before any is read. */
    private void clusterPipelines(RedisClusterClient cluster, List<Integer> which, List<Integer> retry) {
        Map<Integer, List<Integer>> bySlot = new LinkedHashMap<>();
        for (int i : which) {
            bySlot.computeIfAbsent(JedisClusterCRC16.getSlot(commands.get(i).key()), s -> new ArrayList<>())
                    .add(i);
        }
        List<SlotPipeline> sent = new ArrayList<>(bySlot.size());
        List<List<Response<?>>> responses = new ArrayList<>(bySlot.size());
        try {
            for (Map.Entry<Integer, List<Integer>> slot : bySlot.entrySet()) {
                Connection connection = null;
                try {
                    connection = cluster.getConnectionFromSlot(slot.getKey());
                    Pipeline pipeline = new Pipeline(connection);
                    List<Response<?>> answers = new ArrayList<>(slot.getValue().size());
                    for (int i : slot.getValue()) {
                        answers.add(commands.get(i).piped().apply(pipeline));
                    }
                    connection.getMany(0); // sends what is buffered, reads nothing yet
                    sent.add(new SlotPipeline(connection, pipeline, slot.getValue()));
                    responses.add(answers);
                } catch (JedisException e) {
                    IOUtils.closeQuietly(connection);
                    unreachable(slot.getValue(), e, retry); // no connection to the slot's node
                }
            }
            for (int n = 0; n < sent.size(); n++) {
                SlotPipeline slot = sent.get(n);
                try {
                    slot.pipeline().sync();
                } catch (JedisConnectionException e) {
                    unreachable(slot.commands(), e, retry);
                    continue;
                }
                for (int k = 0; k < slot.commands().size(); k++) {
                    collect(slot.commands().get(k), responses.get(n).get(k), retry);
                }
            }
        } finally {
            for (SlotPipeline slot : sent) {
                IOUtils.closeQuietly(slot.connection()); // back to its pool, or dropped if broken
            }
        }
    }

    private void unreachable(List<Integer> which, JedisException e, List<Integer> retry) {
        for (int i : which) {
            redirects.unreachable.increment();
            results.get(i).fail(e);
            retry.add(i);
        }
    }

    private void collect(int i, Response<?> response, List<Integer> retry) {
        try {
            results.get(i).answer(response.get());
        } catch (JedisMovedDataException e) {
            redirects.moved.increment();
            results.get(i).fail(e);
            retry.add(i);
        } catch (JedisAskDataException e) {
            redirects.asked.increment();
            results.get(i).fail(e);
            retry.add(i);
        } catch (RuntimeException e) {
            results.get(i).fail(e);
        }
    }

    private void alone(int i) {
        try {
            results.get(i).answer(commands.get(i).alone().apply(redis));
        } catch (RuntimeException e) {
            results.get(i).fail(e);
        }
    }
}
