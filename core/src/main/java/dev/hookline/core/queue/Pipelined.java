package dev.hookline.core.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisAskDataException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisMovedDataException;
import redis.clients.jedis.exceptions.JedisRedirectionException;

/**
 * Commands sent together in one pipeline: one round trip to each Redis node they touch, whatever their number.
 *
 * <p>On a Redis Cluster, Jedis's pipeline neither follows redirections nor refreshes its map of slots: a command
 * for a slot that moved answers {@code MOVED}, one for a slot being moved answers {@code ASK}, and one for a node
 * that went away gets no answer. Such a command is sent again through the client, which does follow them: the
 * first one alone (its {@code MOVED} refreshes the slot map, and a node's failure is ridden out until its replica
 * is promoted or the client's retry deadline passes), the others in one more pipeline, and what still fails one
 * by one. No error of that kind reaches the caller unless the client gave up as well.
 */
final class Pipelined {
    /** One command: how to add it to a pipeline, and how to send it alone. */
    private record Command<T>(Function<AbstractPipeline, Response<T>> piped, Function<UnifiedJedis, T> alone) {}

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

    private final UnifiedJedis redis;
    private final Redirects redirects;
    private final List<Command<?>> commands = new ArrayList<>();
    private final List<Result<?>> results = new ArrayList<>();

    Pipelined(UnifiedJedis redis, Redirects redirects) {
        this.redis = redis;
        this.redirects = redirects;
    }

    <T> Result<T> add(Function<AbstractPipeline, Response<T>> piped, Function<UnifiedJedis, T> alone) {
        commands.add(new Command<>(piped, alone));
        Result<T> result = new Result<>();
        results.add(result);
        return result;
    }

    boolean isEmpty() {
        return commands.isEmpty();
    }

    /**
     * Sends everything and waits for every answer. Throws only what the standalone client throws for a lost
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
                if (results.get(i).error() == null || isRedirect(results.get(i).error())) {
                    results.get(i).fail(firstError);
                }
            }
            return;
        }
        List<Integer> again = pipeline(redirected.subList(1, redirected.size()));
        for (int i : again) {
            alone(i);
        }
    }

    /** Runs {@code which} commands in one pipeline; answers those to send again. */
    private List<Integer> pipeline(List<Integer> which) {
        List<Integer> retry = new ArrayList<>();
        if (which.isEmpty()) {
            return retry;
        }
        List<Response<?>> responses = new ArrayList<>(which.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (int i : which) {
                try {
                    responses.add(commands.get(i).piped().apply(pipeline));
                } catch (JedisConnectionException | JedisClusterOperationException e) {
                    responses.add(null); // no connection to the slot's node: sent again below
                }
            }
            pipeline.sync();
        }
        for (int k = 0; k < which.size(); k++) {
            int i = which.get(k);
            Response<?> response = responses.get(k);
            if (response == null) {
                redirects.unreachable.increment();
                retry.add(i);
                continue;
            }
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
            } catch (IllegalStateException e) {
                // A cluster pipeline leaves the answers of a node whose connection broke unset.
                redirects.unreachable.increment();
                results.get(i).fail(new JedisConnectionException("no answer from the node", e));
                retry.add(i);
            } catch (RuntimeException e) {
                results.get(i).fail(e);
            }
        }
        return retry;
    }

    private void alone(int i) {
        try {
            results.get(i).answer(commands.get(i).alone().apply(redis));
        } catch (RuntimeException e) {
            results.get(i).fail(e);
        }
    }

    private static boolean isRedirect(RuntimeException e) {
        return e instanceof JedisRedirectionException || e instanceof JedisConnectionException;
    }
}
