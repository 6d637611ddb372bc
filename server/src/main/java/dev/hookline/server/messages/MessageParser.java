package dev.hookline.server.messages;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.hookline.sdk.model.ErrorBody;
import dev.hookline.server.errors.ApiException;
import dev.hookline.server.validation.JsonLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads {@code {eventType, payload, eventId?, channels?}} in one streaming pass and keeps the payload as the
 * exact bytes received: what is stored, signed and sent is what the client wrote, and no tree is built for it.
 */
public final class MessageParser {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(JsonLimits.constraints())
            .build();
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-zA-Z0-9_.\\-]{1,256}");
    private static final Pattern EVENT_ID = Pattern.compile("[\\x21-\\x7e]{1,256}");
    private static final Pattern CHANNEL = Pattern.compile("[a-zA-Z0-9_.:\\-]{1,128}");
    static final int MAX_CHANNELS = 10;

    private MessageParser() {}

    /** Parses a whole body holding one message. */
    public static IncomingMessage parse(byte[] body) {
        return read(body, p -> {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw ApiException.invalid("body", "must be a JSON object");
            }
            IncomingMessage message = parseObject(p, body, "");
            if (p.nextToken() != null) {
                throw ApiException.invalid("body", "has content after the JSON object");
            }
            return message;
        });
    }

    /**
     * Parses {@code {"messages": [ … ]}}: at most {@code maxMessages}, each checked like a single message;
     * field paths name the element ({@code messages.3.eventType}).
     */
    public static List<IncomingMessage> parseBatch(byte[] body, int maxMessages) {
        return read(body, p -> {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw ApiException.invalid("body", "must be a JSON object with a messages array");
            }
            List<IncomingMessage> messages = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!name.equals("messages")) {
                    throw ApiException.invalid(name, "unknown field");
                }
                if (value != JsonToken.START_ARRAY) {
                    throw ApiException.invalid("messages", "must be an array");
                }
                messages = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (messages.size() == maxMessages) {
                        throw ApiException.invalid("messages", "must hold at most " + maxMessages + " messages");
                    }
                    if (p.currentToken() != JsonToken.START_OBJECT) {
                        throw ApiException.invalid("messages." + messages.size(), "must be a JSON object");
                    }
                    messages.add(parseObject(p, body, "messages." + messages.size() + "."));
                }
            }
            if (messages == null || messages.isEmpty()) {
                throw ApiException.invalid("messages", "must hold at least one message");
            }
            if (p.nextToken() != null) {
                throw ApiException.invalid("body", "has content after the JSON object");
            }
            return messages;
        });
    }

    private interface Reading<T> {
        T from(JsonParser parser) throws IOException;
    }

    /** Runs {@code reading} over {@code body}, turning every way JSON can be wrong into a 400. */
    private static <T> T read(byte[] body, Reading<T> reading) {
        try (JsonParser p = JSON.createParser(body)) {
            return reading.from(p);
        } catch (StreamConstraintsException e) {
            throw JsonLimits.refusal(e, "body");
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "invalid_json", "the body is not valid JSON", List.of());
        } catch (IOException e) {
            throw new ApiException(400, "invalid_json", "the body could not be read", List.of());
        }
    }

    /** With {@code p} on the object's START_OBJECT; leaves it on the matching END_OBJECT. */
    private static IncomingMessage parseObject(JsonParser p, byte[] body, String prefix) throws IOException {
        String eventType = null;
        String eventId = null;
        List<String> channels = null;
        byte[] payload = null;
        List<ErrorBody.FieldError> problems = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "eventType" -> {
                    if (value != JsonToken.VALUE_STRING) {
                        problems.add(problem(prefix + "eventType", "must be a string"));
                        p.skipChildren();
                    } else {
                        eventType = p.getText();
                    }
                }
                case "eventId" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        eventId = p.getText();
                    } else if (value != JsonToken.VALUE_NULL) {
                        problems.add(problem(prefix + "eventId", "must be a string"));
                        p.skipChildren();
                    }
                }
                case "channels" -> {
                    if (value == JsonToken.START_ARRAY) {
                        channels = new ArrayList<>();
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            if (p.currentToken() != JsonToken.VALUE_STRING) {
                                problems.add(problem(prefix + "channels." + channels.size(), "must be a string"));
                                p.skipChildren();
                                channels.add("");
                            } else {
                                channels.add(p.getText());
                            }
                        }
                    } else if (value != JsonToken.VALUE_NULL) {
                        problems.add(problem(prefix + "channels", "must be an array of strings"));
                        p.skipChildren();
                    }
                }
                case "payload" -> {
                    if (value != JsonToken.START_OBJECT) {
                        problems.add(problem(prefix + "payload", "must be a JSON object"));
                        p.skipChildren();
                    } else {
                        int start = (int) p.currentTokenLocation().getByteOffset();
                        p.skipChildren();
                        int end = (int) p.currentLocation().getByteOffset();
                        payload = Arrays.copyOfRange(body, start, end);
                    }
                }
                default -> {
                    problems.add(problem(prefix + name, "unknown field"));
                    p.skipChildren();
                }
            }
        }
        if (eventType == null && problems.stream().noneMatch(e -> e.field().equals(prefix + "eventType"))) {
            problems.add(problem(prefix + "eventType", "is required"));
        } else if (eventType != null && !EVENT_TYPE.matcher(eventType).matches()) {
            problems.add(
                    problem(prefix + "eventType", "must be 1 to 256 characters of letters, digits, '_', '.' or '-'"));
        }
        if (payload == null && problems.stream().noneMatch(e -> e.field().equals(prefix + "payload"))) {
            problems.add(problem(prefix + "payload", "is required"));
        }
        if (eventId != null && !EVENT_ID.matcher(eventId).matches()) {
            problems.add(problem(prefix + "eventId", "must be 1 to 256 printable ASCII characters without spaces"));
        }
        if (channels != null) {
            if (channels.size() > MAX_CHANNELS) {
                problems.add(problem(prefix + "channels", "must have at most " + MAX_CHANNELS + " entries"));
            }
            for (int i = 0; i < channels.size(); i++) {
                if (!channels.get(i).isEmpty()
                        && !CHANNEL.matcher(channels.get(i)).matches()) {
                    problems.add(problem(
                            prefix + "channels." + i,
                            "must be 1 to 128 characters of letters, digits, '_', '.', ':' or '-'"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return new IncomingMessage(eventType, payload, eventId, channels);
    }

    private static ErrorBody.FieldError problem(String field, String message) {
        return new ErrorBody.FieldError(field, message);
    }
}
