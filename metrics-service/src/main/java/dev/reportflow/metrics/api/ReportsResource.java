package dev.reportflow.metrics.api;

import static dev.reportflow.metrics.api.Csv.col;

import dev.reportflow.metrics.api.ApiModel.*;
import dev.reportflow.metrics.store.Db;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/reports")
@Tag(name = "reports")
public class ReportsResource {
    static final List<Csv.Column<ReportItem>> COLUMNS = List.of(
            col("id", ReportItem::id), col("file", ReportItem::file), col("region", ReportItem::region),
            col("report_year", ReportItem::reportYear), col("admin_level", ReportItem::adminLevel),
            col("status", ReportItem::status), col("sections", ReportItem::sections),
            col("indicators", ReportItem::indicators), col("version", ReportItem::version));

    @Inject
    ReadModel read;

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.TEXT_CSV})
    @Operation(summary = "Reports, newest year first", description = "Paged (page from 0). Pending reports are "
            + "listed with the sections and indicators received so far. CSV with Accept: text/csv or format=csv.")
    @APIResponse(responseCode = "200", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportPage.class)),
            @Content(mediaType = Csv.TEXT_CSV)})
    @APIResponse(responseCode = "400", description = "bad parameter",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response list(@QueryParam("page") @Parameter(description = "page number from 0") String page,
                         @QueryParam("size") @Parameter(description = "1 to 500, default 50") String size,
                         @QueryParam("region") String region,
                         @QueryParam("year") @Parameter(description = "report year") String year,
                         @QueryParam("status") @Parameter(description = "pending, complete or superseded") String status,
                         @QueryParam("format") @Parameter(description = "json or csv") String format,
                         @Context HttpHeaders headers) {
        int p = Params.integer("page", page, 0, 0, 1_000_000);
        int s = Params.integer("size", size, 50, 1, 500);
        String st = Params.oneOf("status", status, List.of(Db.PENDING, Db.COMPLETE, Db.SUPERSEDED));
        boolean csv = Csv.wanted(headers, format);
        Page<ReportItem> result = read.reports(Params.text(region), Params.year(year), st, p, s);
        return csv ? Csv.response(result.items(), COLUMNS) : Response.ok(result, MediaType.APPLICATION_JSON).build();
    }

    /** For the OpenAPI document only: the generic page of reports. */
    @Schema(name = "ReportPage")
    public record ReportPage(List<ReportItem> items, long total, int page, int size) {}

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One report: metadata, outline with indicator counts, indicators with sentence, "
            + "offsets and highlight, anomalies")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReportDetail.class)))
    @APIResponse(responseCode = "404", description = "unknown report id",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ReportDetail get(@PathParam("id") String id) {
        return read.report(id);
    }
}
