package dev.reportflow.devstack;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * S3Proxy over a plain directory: {@code <basedir>/<bucket>/<key>} is an object, so a file copied into
 * the bucket directory is listed by ListObjectsV2 at once.
 */
final class EmbeddedS3 implements AutoCloseable {
    private final S3Proxy proxy;
    private final String endpoint;
    private final Path bucketDirectory;

    private EmbeddedS3(S3Proxy proxy, String endpoint, Path bucketDirectory) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.bucketDirectory = bucketDirectory;
    }

    static EmbeddedS3 start(Path basedir, int port, String bucket, String accessKey, String secretKey)
            throws Exception {
        Path bucketDir = basedir.resolve(bucket);
        Files.createDirectories(bucketDir);
        String endpoint = "http://" + DevStack.HOST + ":" + port;
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(basedir.toString()))
                .endpoint(URI.create(endpoint))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                // Few threads: this is a local endpoint for a handful of clients.
                .jettyMaxThreads(16)
                .build();
        proxy.start();
        return new EmbeddedS3(proxy, endpoint, bucketDir);
    }

    String endpoint() {
        return endpoint;
    }

    Path bucketDirectory() {
        return bucketDirectory;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
