package dev.hookline.core.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the Redis fixtures made of processes share: they kill servers, and stop with the class. Register one before
 * the application so it stops after it: the application never sees its Redis go.
 */
abstract class RedisFixture implements AutoCloseable, AfterAllCallback {
    final RedisProcesses processes = new RedisProcesses();

    /** Kills a server with SIGKILL: no shutdown, no last save, its connections reset. */
    public void kill(int port) {
        processes.kill(port);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        processes.close();
    }
}
