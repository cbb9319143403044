package dev.reportflow.metrics.api;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The JSON body of every error: {@code {"status":404,"error":"Not Found","message":"..."}}. */
public record ApiError(int status, String error, String message) {

    public static NotFoundException notFound(String message) {
        return new NotFoundException(message, response(404, message));
    }

    public static BadRequestException badRequest(String message) {
        return new BadRequestException(message, response(400, message));
    }

    static Response response(int status, String message) {
        Response.Status s = Response.Status.fromStatusCode(status);
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(status, s == null ? "Error" : s.getReasonPhrase(), message)).build();
    }

    /** Errors raised by the framework (unknown path, bad media type …) get the same JSON shape. */
    public static class Mappers {
        @ServerExceptionMapper
        public Response map(WebApplicationException e) {
            Response r = e.getResponse();
            if (r != null && r.getEntity() instanceof ApiError) return r;
            int status = r == null ? 500 : r.getStatus();
            String message = e.getMessage() == null ? Response.Status.fromStatusCode(status).getReasonPhrase() : e.getMessage();
            return response(status, message);
        }
    }
}
