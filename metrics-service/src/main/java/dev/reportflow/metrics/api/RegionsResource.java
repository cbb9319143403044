package dev.reportflow.metrics.api;

import static dev.reportflow.metrics.api.Csv.col;

import dev.reportflow.metrics.api.ApiModel.*;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/regions")
@Tag(name = "regions")
public class RegionsResource {
    static final List<Csv.Column<RegionSummary>> COLUMNS = List.of(
            col("region", RegionSummary::region), col("admin_level", RegionSummary::adminLevel),
            col("years", RegionSummary::years), col("reports", RegionSummary::reports));

    @Inject
    ReadModel read;

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.TEXT_CSV})
    @Operation(summary = "Regions with complete reports, their years and report counts")
    @APIResponse(responseCode = "200", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegionSummary.class, type = SchemaType.ARRAY)),
            @Content(mediaType = Csv.TEXT_CSV)})
    public Response list(@QueryParam("format") @Parameter(description = "json or csv") String format,
                         @Context HttpHeaders headers) {
        boolean csv = Csv.wanted(headers, format);
        List<RegionSummary> all = read.regions();
        return csv ? Csv.response(all, COLUMNS) : Response.ok(all, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("{region}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A region's scorecard per year (every metric's headline value) and its reports")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RegionDetail.class)))
    @APIResponse(responseCode = "404", description = "no report covers this region",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public RegionDetail get(@PathParam("region") String region) {
        return read.region(region);
    }
}
