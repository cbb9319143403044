package dev.reportflow.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The S3 client, {@code reportflow.s3.*} ({@code S3_ENDPOINT}, {@code S3_REGION}, {@code S3_ACCESS_KEY},
 * {@code S3_SECRET_KEY}, {@code S3_BUCKET}): the keys test-support and the other services use too.
 */
@ConfigMapping(prefix = "reportflow.s3")
public interface S3Config {
    /** Endpoint override (MinIO, S3Proxy); absent means AWS's own endpoint for the region. */
    Optional<String> endpoint();

    @WithDefault("us-east-1")
    String region();

    /** Static credentials; absent means the AWS default provider chain. Never logged. */
    Optional<String> accessKey();

    Optional<String> secretKey();

    @WithDefault("reports")
    String bucket();

    /** Path-style URLs (http://host/bucket/key), as MinIO and S3Proxy expect. */
    @WithDefault("true")
    boolean pathStyle();
}
