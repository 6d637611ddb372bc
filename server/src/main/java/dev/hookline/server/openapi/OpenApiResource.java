package dev.hookline.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI 3 document of this API, without authentication. The source is the hand-written
 * {@code docs/openapi.yaml}, packaged into the jar; it is converted to JSON once, at start-up.
 */
@Path("/v1/openapi.json")
public final class OpenApiResource {
    /** Where the build puts {@code docs/openapi.yaml} on the classpath. */
    public static final String RESOURCE = "/openapi/openapi.yaml";

    private final byte[] json;

    public OpenApiResource() {
        try {
            this.json = new ObjectMapper().writeValueAsBytes(document());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document as a tree: for the resource and for the tests that hold it against the code. */
    public static JsonNode document() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        RESOURCE + " is missing from the classpath (built from docs/openapi.yaml)");
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("docs/openapi.yaml is not valid YAML", e);
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] get() {
        return json;
    }
}
