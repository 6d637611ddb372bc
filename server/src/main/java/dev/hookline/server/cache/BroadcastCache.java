package dev.hookline.server.cache;

/**
 * A cache that every API server keeps of the same state, cleared on all of them when it changes ({@link CacheSync}).
 * It answers from what it remembers only while it is trusted, that is while this server hears every other server's
 * changes.
 */
public interface BroadcastCache {
    /** Forgets everything on this server only: another server changed the state. */
    void forgetLocally();

    /** Whether remembered answers may be used; either way everything remembered so far is forgotten. */
    void trusted(boolean trusted);

    /** What the cache runs, after forgetting locally, to have every other server forget too. */
    void broadcastWith(Runnable broadcast);

    /** Whether this cache remembers anything at all; a disabled one needs no channel. */
    default boolean enabled() {
        return true;
    }
}
