package dev.reportflow.ingest.api;

import dev.reportflow.ingest.Outcome;
import dev.reportflow.ingest.SeenState;
import dev.reportflow.ingest.UploadService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * {@code POST /api/reports}: one report, as a raw body (name from {@code ?name=} or
 * Content-Disposition) or a multipart form with one file. Answers once Kafka acknowledged it:
 * 201 published, 200 duplicate, 422 rejected (quarantined), 503 not acknowledged (retry).
 * {@code GET /api/reports/{id}}: what ingest knows of a report id.
 */
@Path("/api/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {
    private static final Pattern FILENAME_STAR = Pattern.compile("filename\\*\\s*=\\s*([^']*)'[^']*'([^;]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME = Pattern.compile("filename\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^;\\s]+)",
            Pattern.CASE_INSENSITIVE);

    @Inject
    UploadService uploads;

    public record UploadResult(String id, String status, String duplicateOf, String supersedes, String reason,
                               String message, String quarantinedAt, String fileName) {}

    public record ReportStatus(String id, String status, String reason, String message, String fileName, long size,
                               String supersedes, List<String> locations, long duplicates, String firstSeenAt,
                               String publishedAt, String quarantinedAt) {}

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Upload one report as the raw request body")
    public Response uploadRaw(@QueryParam("name") String name, @HeaderParam("Content-Disposition") String disposition,
                              byte[] body) {
        String fileName = UploadService.safeFileName(name != null ? name : dispositionFileName(disposition));
        if (fileName == null) {
            return error(400, "give the file name as ?name= or in a Content-Disposition header");
        }
        return respond(uploads.upload(fileName, body == null ? new byte[0] : body));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload one report as a multipart form with one file")
    public Response uploadMultipart(@RestForm(FileUpload.ALL) List<FileUpload> files) {
        if (files == null || files.size() != 1) {
            return error(400, "send exactly one file part (got " + (files == null ? 0 : files.size()) + ")");
        }
        FileUpload f = files.get(0);
        String fileName = UploadService.safeFileName(f.fileName());
        if (fileName == null) return error(400, "the file part has no file name");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return respond(uploads.upload(fileName, bytes));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "What ingest knows of a report id: published or rejected, locations, duplicates")
    public Response status(@PathParam("id") String id) {
        String rid = id.toLowerCase(Locale.ROOT);
        if (!rid.matches("[0-9a-f]{64}")) return error(400, "a report id is 64 hex digits (sha256)");
        SeenState s = uploads.status(rid);
        if (s == null) return error(404, "no report " + rid);
        return Response.ok(new ReportStatus(s.reportId(), s.status(), s.reason(), s.message(), s.fileName(), s.size(),
                s.supersedes(), s.locations(), s.duplicates(), s.firstSeenAt(), s.publishedAt(), s.quarantinedAt())).build();
    }

    private Response respond(Outcome o) {
        String status = o.kind().name().toLowerCase(Locale.ROOT);
        UploadResult r = new UploadResult(o.reportId(), status,
                o.kind() == Outcome.Kind.DUPLICATE ? o.reportId() : null, o.supersedes(), o.reason(), o.message(),
                o.quarantinedAt(), o.candidate().key());
        return switch (o.kind()) {
            case PUBLISHED -> Response.created(URI.create("/api/reports/" + o.reportId())).entity(r).build();
            case DUPLICATE -> Response.ok(r).build();
            case REJECTED -> Response.status(422).entity(r).build();
            default -> Response.status(503).entity(r).build();
        };
    }

    static String dispositionFileName(String header) {
        if (header == null) return null;
        Matcher m = FILENAME_STAR.matcher(header);
        if (m.find()) {
            String charset = m.group(1).isBlank() ? "UTF-8" : m.group(1).trim();
            try {
                return URLDecoder.decode(m.group(2).trim().replace("+", "%2B"), charset);
            } catch (Exception e) {
                return null;
            }
        }
        m = FILENAME.matcher(header);
        if (m.find()) {
            return m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(1);
        }
        return null;
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
