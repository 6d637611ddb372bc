package dev.hookline.bench.jmh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.hookline.bench.load.Payloads;
import dev.hookline.core.endpoints.StoredSecret;
import dev.hookline.core.ids.Ids;
import dev.hookline.core.messages.StoredMessage;
import dev.hookline.core.security.SecretBox;
import dev.hookline.sdk.Webhook;
import dev.hookline.sdk.model.ErrorBody;
import dev.hookline.server.eventtypes.PayloadSchema;
import dev.hookline.server.messages.IncomingMessage;
import dev.hookline.server.messages.MessageParser;
import dev.hookline.server.messages.MessageService;
import dev.hookline.worker.delivery.Signer;
import io.dropwizard.jackson.Jackson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The code every message or delivery runs through once: signing (the SDK's HMAC and the worker's Signer, which
 * also decrypts the stored secret), parsing an ingest body, checking a payload against its event type's compiled
 * JSON Schema, writing the answer to a send (the message with its payload, as JSON), and making an id. Small fork and iteration counts:
 * these guard against regressions of an order of magnitude, they are not a lab measurement.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = "-Xmx256m")
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class HotPathBenchmarks {
    private byte[] payload;
    private byte[] single;
    private byte[] batch;
    private Webhook webhook;
    private Signer signer;
    private List<StoredSecret> secrets;
    private StoredMessage stored;
    private ObjectWriter answerWriter;
    private PayloadSchema schema;

    @Setup
    public void setUp() throws JsonProcessingException {
        payload = Payloads.payload(System.nanoTime(), 42).getBytes(StandardCharsets.UTF_8);
        single = Payloads.message("invoice.paid", "c1", System.nanoTime(), 42).getBytes(StandardCharsets.UTF_8);
        batch = Payloads.batch("invoice.paid", "c", 10, 100, System.nanoTime(), 0);
        String secret = Webhook.generateSecret();
        webhook = new Webhook(secret);
        byte[] master = Ids.secureRandom(32);
        SecretBox box = new SecretBox(master);
        signer = new Signer(box);
        secrets = List.of(new StoredSecret(
                "ep_1", "hmac", box.keyId(), box.encrypt(Webhook.decodeSecret(secret)), null, Instant.now(), null));
        stored = new StoredMessage(
                Ids.next("msg"), "ten_1", "invoice.paid", null, List.of("c1"), payload, Instant.now());
        answerWriter = Jackson.newObjectMapper().writer(); // Dropwizard's, as the API's answers use
        schema = PayloadSchema.compile(Jackson.newObjectMapper().readTree(PAYLOAD_SCHEMA));
        if (!schema.violations("payload", payload).isEmpty()) {
            throw new IllegalStateException("the benchmark's payload must pass its schema");
        }
    }

    /** A schema as an event type would have for {@link Payloads#payload}: types, bounds, a pattern, required fields. */
    static final String PAYLOAD_SCHEMA = """
        {"type":"object","required":["t","seq","customer"],
         "properties":{"t":{"type":"integer"},"seq":{"type":"integer","minimum":0},
                       "customer":{"type":"object","required":["id","plan"],
                                   "properties":{"id":{"type":"string","pattern":"^cus_"},
                                                 "plan":{"enum":["free","pro","enterprise"]}}},
                       "filler":{"type":"string","maxLength":4096}}}""";

    @Benchmark
    public String signWithWebhook() {
        return webhook.sign("msg_01JD5X3M8ZK4Q2W7R9T6B1C0HY", 1_700_000_000L, payload);
    }

    @Benchmark
    public String signatureHeaderWithSigner() {
        return signer.signatureHeader(secrets, "msg_01JD5X3M8ZK4Q2W7R9T6B1C0HY", 1_700_000_000L, payload);
    }

    @Benchmark
    public IncomingMessage parseMessage() {
        return MessageParser.parse(single);
    }

    @Benchmark
    public List<IncomingMessage> parseBatchOf100() {
        return MessageParser.parseBatch(batch, 100);
    }

    @Benchmark
    public byte[] answerOfASend() throws JsonProcessingException {
        return answerWriter.writeValueAsBytes(MessageService.toApi(stored));
    }

    /** What a send whose event type has {@code validatePayloads} adds: reading the payload's bytes and checking them. */
    @Benchmark
    public List<ErrorBody.FieldError> validatePayload() {
        return schema.violations("payload", payload);
    }

    @Benchmark
    public String nextId() {
        return Ids.next(Ids.DELIVERY);
    }
}
