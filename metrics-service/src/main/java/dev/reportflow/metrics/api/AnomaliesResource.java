package dev.reportflow.metrics.api;

import static dev.reportflow.metrics.api.Csv.col;

import dev.reportflow.metrics.api.ApiModel.*;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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

@Path("/api/anomalies")
@Tag(name = "anomalies")
public class AnomaliesResource {
    static final List<Csv.Column<Anomaly>> COLUMNS = List.of(
            col("id", Anomaly::id), col("type", Anomaly::type), col("region", Anomaly::region),
            col("report_year", Anomaly::reportYear), col("report_id", Anomaly::reportId), col("file", Anomaly::file),
            col("metric", Anomaly::metric), col("value", Anomaly::value), col("unit", Anomaly::unit),
            col("expected", Anomaly::expected), col("message", Anomaly::message),
            col("quote", a -> a.statements().isEmpty() ? null : a.statements().get(0).quote()));

    @Inject
    ReadModel read;

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.TEXT_CSV})
    @Operation(summary = "Anomalies: rates over 100%, rates that disagree with their own counts, a metric "
            + "stated with different values in one report, negative or absurdly large values")
    @APIResponse(responseCode = "200", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnomalyPage.class)),
            @Content(mediaType = Csv.TEXT_CSV)})
    @APIResponse(responseCode = "400", description = "bad parameter",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response list(@QueryParam("type") @Parameter(description = "rate_over_100, rate_mismatch, "
                                 + "conflicting_values or implausible_value") String type,
                         @QueryParam("region") String region, @QueryParam("year") String year,
                         @QueryParam("report") @Parameter(description = "report id") String report,
                         @QueryParam("page") String page, @QueryParam("size") String size,
                         @QueryParam("format") @Parameter(description = "json or csv") String format,
                         @Context HttpHeaders headers) {
        String t = Params.oneOf("type", type, ReadModel.ANOMALY_TYPES);
        Integer y = Params.year(year);
        int p = Params.integer("page", page, 0, 0, 1_000_000);
        int s = Params.integer("size", size, 100, 1, 1000);
        boolean csv = Csv.wanted(headers, format);
        Page<Anomaly> result = read.anomalies(t, Params.text(region), y, Params.text(report), p, s);
        return csv ? Csv.response(result.items(), COLUMNS) : Response.ok(result, MediaType.APPLICATION_JSON).build();
    }

    @Schema(name = "AnomalyPage")
    public record AnomalyPage(List<Anomaly> items, long total, int page, int size) {}
}
