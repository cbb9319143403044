package dev.reportflow.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when every source can be read: each directory exists and is readable, each bucket answers
 * HeadBucket, and no source's last round failed. Kafka and MongoDB have their own Quarkus checks.
 */
@Readiness
@ApplicationScoped
public class IngestReadiness implements HealthCheck {
    @Inject
    IngestEngine engine;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("ingest-sources").up();
        if (!engine.started()) b.down().withData("engine", "stopped");
        for (Source s : engine.sources()) {
            String state;
            try {
                if (s instanceof DirectorySource d) {
                    state = Files.isDirectory(d.root()) && Files.isReadable(d.root()) ? "UP" : "DOWN: " + d.root()
                            + " is not a readable directory";
                } else if (s instanceof S3Source s3) {
                    s3.checkReachable();
                    state = "UP";
                } else {
                    state = "UP";
                }
            } catch (RuntimeException e) {
                state = "DOWN: " + e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            if ("UP".equals(state) && s instanceof SourceWorker w && w.lastError() != null) {
                state = "DOWN: " + w.lastError();
            }
            if (!"UP".equals(state)) b.down();
            b.withData(s.name(), state + " (backlog " + s.backlog() + ")");
        }
        return b.build();
    }
}
