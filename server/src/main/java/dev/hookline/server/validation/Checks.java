package dev.hookline.server.validation;

import dev.hookline.sdk.model.ErrorBody;
import dev.hookline.server.errors.ApiException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Collects every problem of a request body before answering, so one 400 names all the bad fields at once.
 */
public final class Checks {
    private static final Pattern UID = Pattern.compile("[a-zA-Z0-9_.\\-]{1,256}");
    /** The shape of Hookline's own ids ({@code tnt_…}, {@code ep_…}): a uid like that could shadow an id. */
    private static final Pattern ID_SHAPE = Pattern.compile("[a-z]{2,4}_[0-9A-Z]{26}");

    public static final int MAX_METADATA_ENTRIES = 50;
    public static final int MAX_METADATA_VALUE = 1024;
    private static final String NO_NUL = "must not contain NUL characters";

    private final List<ErrorBody.FieldError> problems = new ArrayList<>();

    public Checks fail(String field, String message) {
        problems.add(new ErrorBody.FieldError(field, message));
        return this;
    }

    public Checks fail(ErrorBody.FieldError problem) {
        problems.add(problem);
        return this;
    }

    /** How many problems were found so far. */
    public int count() {
        return problems.size();
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw ApiException.invalid(List.copyOf(problems));
        }
    }

    public void text(String field, String value, int min, int max, boolean required) {
        if (value == null) {
            if (required) {
                fail(field, "is required");
            }
            return;
        }
        if (value.length() < min) {
            fail(field, min == 1 ? "must not be empty" : "must be at least " + min + " characters");
        } else if (value.length() > max) {
            fail(field, "must be at most " + max + " characters");
        } else if (hasControlCharacters(value)) {
            fail(field, "must not contain control characters");
        }
    }

    /**
     * Operator- and tenant-chosen ids: letters, digits, {@code _ . -}, at most 256, and not shaped like a Hookline
     * id, because paths accept either and one object's uid must never resolve to another object's id.
     */
    public void uid(String field, String value) {
        if (value == null) {
            return;
        }
        if (!UID.matcher(value).matches()) {
            fail(field, "must be 1 to 256 characters of letters, digits, '_', '.' or '-'");
        } else if (ID_SHAPE.matcher(value).matches()) {
            fail(field, "must not have the shape of a Hookline id (such as tnt_01J…)");
        }
    }

    public void metadata(String field, Map<String, String> metadata) {
        if (metadata == null) {
            return;
        }
        if (metadata.size() > MAX_METADATA_ENTRIES) {
            fail(field, "must have at most " + MAX_METADATA_ENTRIES + " entries");
            return;
        }
        metadata.forEach((k, v) -> {
            if (k.isEmpty() || k.length() > 256) {
                fail(field, "keys must be 1 to 256 characters");
            } else if (k.indexOf('\0') >= 0) {
                fail(field, "keys " + NO_NUL);
            } else if (v == null) {
                fail(field + "." + k, "must not be null");
            } else if (v.length() > MAX_METADATA_VALUE) {
                fail(field + "." + k, "must be at most " + MAX_METADATA_VALUE + " characters");
            } else {
                noNul(field + "." + k, v);
            }
        });
    }

    /**
     * Free text that may hold line breaks and tabs but not NUL, which PostgreSQL cannot store in text or jsonb: its
     * refusal would otherwise be a 500.
     */
    public void noNul(String field, String value) {
        if (value != null && value.indexOf('\0') >= 0) {
            fail(field, NO_NUL);
        }
    }

    public static boolean hasControlCharacters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
