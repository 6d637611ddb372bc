package dev.hookline.server.dev;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dev mode only: a receiver inside the platform, so the quickstart can deliver somewhere without the newcomer
 * starting a server of their own. It logs what arrived and answers 204.
 */
@Path("/dev/echo")
public final class DevEchoResource {
    private static final Logger LOG = LoggerFactory.getLogger(DevEchoResource.class);

    @POST
    public Response receive(@Context HttpHeaders headers, byte[] body) {
        LOG.info(
                "dev receiver got webhook-id={} webhook-timestamp={} webhook-signature={} body={}",
                headers.getHeaderString("webhook-id"),
                headers.getHeaderString("webhook-timestamp"),
                headers.getHeaderString("webhook-signature"),
                new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8));
        return Response.noContent().build();
    }
}
