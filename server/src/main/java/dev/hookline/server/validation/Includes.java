package dev.hookline.server.validation;

import dev.hookline.server.errors.ApiException;
import java.util.LinkedHashSet;
import java.util.Set;

/** The {@code include} query parameter: a comma-separated list of extras a read may add, each one it knows. */
public final class Includes {
    private Includes() {}

    /** The extras asked for; an unknown one is a 400 naming {@code include}. */
    public static Set<String> parse(String include, String... known) {
        Set<String> asked = new LinkedHashSet<>();
        if (include == null || include.isBlank()) {
            return asked;
        }
        Set<String> allowed = Set.of(known);
        for (String part : include.split(",")) {
            String name = part.strip();
            if (!allowed.contains(name)) {
                throw ApiException.invalid("include", "must be " + String.join(" or ", known));
            }
            asked.add(name);
        }
        return asked;
    }
}
