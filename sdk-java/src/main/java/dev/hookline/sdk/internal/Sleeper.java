package dev.hookline.sdk.internal;

import java.time.Duration;

/** Waits between retries; a seam so tests can record the delays instead of sleeping. Internal. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
