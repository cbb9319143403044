package dev.reportflow.testsupport;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resource as services use it: Quarkus starts it in its own class loader, the test class lives in another;
 * both must see the same single set of servers, and the app's config must point at them.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class QuarkusWiringTest {

    @Test
    void appConfigPointsAtTheSameServersAsTheStaticAccessors() {
        var config = ConfigProvider.getConfig();
        assertThat(config.getValue(RealInfrastructure.KAFKA_BOOTSTRAP_SERVERS, String.class))
                .isEqualTo(RealInfrastructure.kafkaBootstrapServers());
        assertThat(config.getValue(RealInfrastructure.MONGODB_CONNECTION_STRING, String.class))
                .isEqualTo(RealInfrastructure.mongoConnectionString());
        assertThat(config.getValue(RealInfrastructure.S3_ENDPOINT, String.class))
                .isEqualTo(RealInfrastructure.s3Endpoint());
        assertThat(config.getValue(RealInfrastructure.INGEST_DIRECTORY, String.class))
                .isEqualTo(RealInfrastructure.ingestDirectory().toString());
        assertThat(config.getValue("quarkus.kafka.devservices.enabled", Boolean.class)).isFalse();
    }
}
