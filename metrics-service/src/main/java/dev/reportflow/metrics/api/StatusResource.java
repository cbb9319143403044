package dev.reportflow.metrics.api;

import dev.reportflow.metrics.api.ApiModel.*;
import dev.reportflow.metrics.service.MetricsStore;
import dev.reportflow.metrics.views.Views;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    @Inject
    ReadModel read;

    @Inject
    MetricsStore store;

    @GET
    @Path("status")
    @Tag(name = "status")
    @Operation(summary = "Counts: reports (complete, pending, superseded), live indicators and sections, view rows")
    public Status status() {
        return read.status();
    }

    @POST
    @Path("admin/rebuild-views")
    @Tag(name = "admin")
    @Operation(summary = "Recompute every materialized view from the facts",
            description = "Rows nothing produces any more are removed. Safe while events are being consumed.")
    public RebuildResult rebuildViews() {
        Views.RefreshResult r = store.rebuildViews();
        return new RebuildResult(r.millis(), r.rows(), r.swept(), r.viewMillis());
    }
}
