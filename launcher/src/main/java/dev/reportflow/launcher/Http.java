package dev.reportflow.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few HTTP calls the launcher makes, on loopback, each bounded. */
final class Http {
    private Http() {}

    record Response(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    static Response get(URI uri, Duration timeout) throws IOException {
        return send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build());
    }

    static Response post(URI uri, Duration timeout) throws IOException {
        return send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static Response send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
