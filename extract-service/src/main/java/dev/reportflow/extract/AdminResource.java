package dev.reportflow.extract;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code ./pipeline reextract} talks to this: start a replay, poll it until DONE, or cancel it. */
@Path("/api/admin/reextract")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    @Inject
    Reextractor reextractor;

    /** 202 with the new status; 409 with the running one if a replay is already going. */
    @POST
    public Response start(@QueryParam("from") @DefaultValue("earliest") String from) {
        if (!from.equals("earliest") && !from.equals("committed")) {
            return Response.status(400).entity(java.util.Map.of("error", "from must be earliest or committed")).build();
        }
        Reextractor.Status s = reextractor.start(from.equals("committed"));
        return s == null ? Response.status(409).entity(reextractor.status()).build()
                : Response.accepted(s).build();
    }

    @GET
    public Reextractor.Status status() {
        return reextractor.status();
    }

    @DELETE
    public Reextractor.Status cancel() {
        return reextractor.cancel();
    }
}
