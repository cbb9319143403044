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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/metrics")
@Tag(name = "metrics")
public class MetricsResource {
    static final List<Csv.Column<MetricSummary>> SUMMARY_COLUMNS = List.of(
            col("id", MetricSummary::id), col("name", MetricSummary::name), col("canonical", MetricSummary::canonical),
            col("reports", MetricSummary::reports), col("regions", MetricSummary::regions),
            col("year_min", MetricSummary::yearMin), col("year_max", MetricSummary::yearMax),
            col("statements", MetricSummary::statements), col("units", MetricSummary::units));
    static final List<Csv.Column<MetricRow>> ROW_COLUMNS = List.of(
            col("region", MetricRow::region), col("report_year", MetricRow::reportYear), col("value", MetricRow::value),
            col("unit", MetricRow::unit), col("approx", MetricRow::approx), col("report_id", MetricRow::reportId),
            col("quote", MetricRow::quote), col("statements", MetricRow::statements));

    @Inject
    ReadModel read;

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.TEXT_CSV})
    @Operation(summary = "Every metric id with its name and coverage (reports, regions, years)")
    @APIResponse(responseCode = "200", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MetricSummary.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)),
            @Content(mediaType = Csv.TEXT_CSV)})
    public Response list(@QueryParam("format") @Parameter(description = "json or csv") String format,
                         @Context HttpHeaders headers) {
        boolean csv = Csv.wanted(headers, format);
        List<MetricSummary> all = read.metrics();
        return csv ? Csv.response(all, SUMMARY_COLUMNS) : Response.ok(all, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("{metric}")
    @Produces({MediaType.APPLICATION_JSON, Csv.TEXT_CSV})
    @Operation(summary = "A metric across regions and years", description = "One row per region and year: the "
            + "headline value (the largest statement), its unit, approx, report and sentence; `values` lists "
            + "every statement. CSV has the headline columns.")
    @APIResponse(responseCode = "200", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MetricSeries.class)),
            @Content(mediaType = Csv.TEXT_CSV)})
    @APIResponse(responseCode = "404", description = "unknown metric",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "400", description = "bad parameter",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response get(@PathParam("metric") String metric, @QueryParam("region") String region,
                        @QueryParam("year") String year,
                        @QueryParam("format") @Parameter(description = "json or csv") String format,
                        @Context HttpHeaders headers) {
        Integer y = Params.year(year);
        boolean csv = Csv.wanted(headers, format);
        MetricSeries series = read.metric(metric, Params.text(region), y);
        return csv ? Csv.response(series.rows(), ROW_COLUMNS) : Response.ok(series, MediaType.APPLICATION_JSON).build();
    }
}
