package dev.hookline.server.testing;

import java.util.List;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Puts a falsified jqwik property's seed into its failure message, which Surefire prints on the console; jqwik's own
 * report, which has the seed too, only reaches the test's output file. Registered for every property through
 * {@code META-INF/services/net.jqwik.api.lifecycle.LifecycleHook}.
 */
public final class SeedInFailureMessage implements AroundPropertyHook {
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS; // registered on the engine, for every property below it
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        PropertyExecutionResult result = property.execute();
        if (result.status() != PropertyExecutionResult.Status.FAILED
                || result.seed().isEmpty()) {
            return result;
        }
        String seed = result.seed().get();
        Throwable cause = result.throwable().orElse(null);
        String sample = String.valueOf(result.falsifiedParameters().orElse(List.of()));
        String message = "falsified with seed " + seed + " (rerun: @Property(seed = \"" + seed
                + "\")); sample " + (sample.length() > 500 ? sample.substring(0, 500) + "…" : sample) + ": "
                + (cause == null ? "" : cause.getMessage());
        return result.mapToFailed(new AssertionError(message, cause));
    }
}
