package dev.hookline.core.delivery;

/** Where a delivery stands; {@link #wire()} is the spelling in the database and the API. */
public enum DeliveryStatus {
    PENDING,
    RETRYING,
    SUCCEEDED,
    FAILED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
