package dev.reportflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the checks decide what a service reads and serves, on a module written here. */
class ServiceModuleTest {
    @TempDir
    Path dir;

    private ServiceModule module(String properties, String dependencies, String javaSource) throws IOException {
        Path m = dir.resolve("demo-service");
        Files.createDirectories(m.resolve("src/main/resources"));
        Files.createDirectories(m.resolve("src/main/docker"));
        Files.createDirectories(m.resolve("src/main/java/demo"));
        Files.writeString(m.resolve("src/main/resources/application.properties"), properties);
        Files.writeString(m.resolve("pom.xml"), "<project><artifactId>demo-service</artifactId><dependencies>" + dependencies + "</dependencies></project>");
        Files.writeString(m.resolve("src/main/docker/Dockerfile.jvm"), "FROM x\nENTRYPOINT [\"/opt/jboss/container/java/run/run-java.sh\"]\n");
        Files.writeString(m.resolve("src/main/java/demo/App.java"), javaSource);
        return ServiceModule.load(m);
    }

    private static String dep(String artifactId) {
        return "<dependency><artifactId>" + artifactId + "</artifactId></dependency>";
    }

    @Test
    void environmentNamesFollowSmallRyeConfigMapping() {
        assertThat(ServiceModule.envName("quarkus.http.port")).isEqualTo("QUARKUS_HTTP_PORT");
        assertThat(ServiceModule.envName("kafka.bootstrap.servers")).isEqualTo("KAFKA_BOOTSTRAP_SERVERS");
        assertThat(ServiceModule.envName("mp.messaging.incoming.reports-in.group.id")).isEqualTo("MP_MESSAGING_INCOMING_REPORTS_IN_GROUP_ID");
    }

    @Test
    void whatTheModuleReads() throws IOException {
        ServiceModule m = module("""
                quarkus.http.port=${PORT:9000}
                kafka.bootstrap.servers=${KAFKA_BOOTSTRAP_SERVERS:localhost:9092}
                demo.batch-size=10
                %prod.demo.timeout=5s
                """, dep("quarkus-messaging-kafka") + dep("quarkus-smallrye-health"), "class App { @Incoming(\"x\") void on(String s) {} }");
        assertThat(m.whyRead("PORT")).isPresent();
        assertThat(m.whyRead("KAFKA_BOOTSTRAP_SERVERS")).isPresent();
        assertThat(m.whyRead("DEMO_BATCH_SIZE")).hasValueSatisfying(v -> assertThat(v).contains("demo.batch-size"));
        assertThat(m.whyRead("DEMO_TIMEOUT")).isPresent();
        assertThat(m.whyRead("QUARKUS_HTTP_PORT")).isPresent();
        assertThat(m.whyRead("KAFKA_SASL_JAAS_CONFIG")).hasValue("Kafka client setting sasl.jaas.config");
        assertThat(m.whyRead("KAFKA_SASL_JAAS")).isEmpty();
        assertThat(m.whyRead("JAVA_OPTS_APPEND")).isPresent();
        assertThat(m.whyRead("DEMO_BATCHSIZE")).isEmpty();
        assertThat(m.whyRead("MONGODB_URI")).isEmpty();
        assertThat(m.httpPort()).isEqualTo(9000);
        assertThat(m.httpPort(Map.of("QUARKUS_HTTP_PORT", "9100"))).isEqualTo(9100);
    }

    @Test
    void kafkaVariablesReachOnlyClientsBuiltFromQuarkusConfig() throws IOException {
        ServiceModule plain = module("kafka.bootstrap.servers=${KAFKA_BOOTSTRAP_SERVERS:localhost:9092}\n",
                dep("quarkus-kafka-client"), "class App { java.util.Properties p = new java.util.Properties(); }");
        assertThat(plain.talksToKafka()).isTrue();
        assertThat(plain.whyRead("KAFKA_SASL_JAAS_CONFIG")).isEmpty();
        ServiceModule injected = module("kafka.bootstrap.servers=x\n", dep("quarkus-kafka-client"),
                "class App { @Identifier(\"default-kafka-broker\") java.util.Map<String, Object> config; }");
        assertThat(injected.whyRead("KAFKA_SASL_JAAS_CONFIG")).isPresent();
    }

    @Test
    void healthPathsFollowTheConfiguredRoots() throws IOException {
        assertThat(module("", dep("quarkus-smallrye-health"), "").healthPaths())
                .containsExactly("/q/health", "/q/health/live", "/q/health/ready", "/q/health/started");
        assertThat(module("quarkus.http.non-application-root-path=ops\nquarkus.smallrye-health.readiness-path=rdy\n", dep("quarkus-smallrye-health"), "")
                .healthPaths()).containsExactly("/ops/health", "/ops/health/live", "/ops/health/rdy", "/ops/health/started");
        assertThat(module("", dep("quarkus-rest"), "").healthPaths()).isEmpty();
    }

    @Test
    void incomingChannelsWithTheirTopicsAndGroups() throws IOException {
        ServiceModule m = module("""
                quarkus.application.name=demo
                t.a=reports.sections
                mp.messaging.incoming.one.connector=smallrye-kafka
                mp.messaging.incoming.one.topic=${IN_TOPIC:reports.ingested}
                mp.messaging.incoming.one.group.id=${GROUP:demo-group}
                mp.messaging.incoming.two.connector=smallrye-kafka
                mp.messaging.incoming.two.topics=${t.a},reports.extracted
                """, dep("quarkus-messaging-kafka"), "");
        assertThat(m.incomingChannels()).containsExactlyInAnyOrder(
                new ServiceModule.Channel("one", "reports.ingested", "demo-group"),
                new ServiceModule.Channel("two", "reports.sections", "demo"),
                new ServiceModule.Channel("two", "reports.extracted", "demo"));
    }
}
