package dev.hookline.server.cache;

import java.util.Objects;

/**
 * A cache that every API server keeps of the same state, cleared on all of them when it changes ({@link CacheSync}).
 * It may answer from what it remembers only while it is trusted, that is while this server hears every other
 * server's changes; a subclass checks {@link #trusted()} before each cached answer.
 */
public abstract class BroadcastCache {
    /** False while this server could miss another's change (broadcast channel down): then every answer is fresh. */
    private volatile boolean trusted = true;

    private volatile Runnable broadcast = () -> {};

    /** Forgets everything on this server only: another server changed the state. */
    public abstract void forgetLocally();

    /** Forgets everything here and has every other server forget too: this server changed the state. */
    protected final void forgetEverywhere() {
        forgetLocally();
        broadcast.run();
    }

    /** Whether remembered answers may be used now. */
    public final boolean trusted() {
        return trusted;
    }

    /**
     * Whether remembered answers may be used from now on; either way everything remembered so far is forgotten, and
     * before trust is given, so nothing learnt while untrusted is used.
     */
    public final void trusted(boolean trusted) {
        if (!trusted) {
            this.trusted = false;
            forgetLocally();
        } else {
            forgetLocally();
            this.trusted = true;
        }
    }

    /** What {@link #forgetEverywhere()} runs to reach the other servers. */
    public final void broadcastWith(Runnable broadcast) {
        this.broadcast = Objects.requireNonNull(broadcast, "broadcast == null");
    }

    /** Whether this cache remembers anything at all; a disabled one needs no channel. */
    public boolean enabled() {
        return true;
    }
}
