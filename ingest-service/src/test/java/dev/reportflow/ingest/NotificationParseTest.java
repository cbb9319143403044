package dev.reportflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NotificationParseTest {
    @Test
    void readsCreatedObjectsOfAMinioEvent() {
        String minio = """
                {"EventName":"s3:ObjectCreated:Put","Key":"reports/2023/a b.txt",
                 "Records":[{"eventVersion":"2.0","eventSource":"minio:s3","eventName":"s3:ObjectCreated:Put",
                   "s3":{"bucket":{"name":"reports"},"object":{"key":"2023%2F%E6%B3%95+b.txt","size":12,"eTag":"abc"}}}]}
                """;
        assertThat(NotificationListener.parse(minio))
                .containsExactly(new NotificationListener.Created("reports", "2023/法 b.txt"));
    }

    @Test
    void ignoresRemovalsAndGarbage() {
        String removed = """
                {"Records":[{"eventName":"s3:ObjectRemoved:Delete","s3":{"bucket":{"name":"reports"},"object":{"key":"a.txt"}}}]}
                """;
        assertThat(NotificationListener.parse(removed)).isEmpty();
        assertThat(NotificationListener.parse("not json")).isEmpty();
        assertThat(NotificationListener.parse("{}")).isEmpty();
        assertThat(NotificationListener.parse(null)).isEmpty();
    }
}
