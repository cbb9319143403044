package dev.reportflow.extract;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Consumer-lag gauge and the extraction-pool liveness check. */
@ApplicationScoped
public class Operations {
    @Inject
    KafkaClientService clients;

    @Inject
    MeterRegistry registry;

    @Inject
    ExtractService service;

    void onStart(@Observes StartupEvent ev) {
        Gauge.builder("reportflow.extract.consumer.lag", this, Operations::consumerLag)
                .description("Records of reports.ingested not yet consumed by this instance (sum over its partitions)")
                .register(registry);
        service.start();
    }

    /** Sum of the per-partition records-lag metrics of this instance's consumers; 0 before assignment. */
    double consumerLag() {
        double lag = 0;
        for (KafkaConsumer<Object, Object> c : clients.getConsumers(ReportConsumer.CHANNEL)) {
            for (Map.Entry<MetricName, ? extends Metric> m : c.unwrap().metrics().entrySet()) {
                MetricName n = m.getKey();
                if (n.name().equals("records-lag") && n.group().equals("consumer-fetch-manager-metrics")
                        && n.tags().containsKey("partition")) {
                    Object v = m.getValue().metricValue();
                    if (v instanceof Double d && !d.isNaN()) lag += d;
                }
            }
        }
        return lag;
    }

    @Liveness
    @ApplicationScoped
    public static class WorkersAlive implements HealthCheck {
        @Inject
        ExtractService service;

        @Override
        public HealthCheckResponse call() {
            BoundedWorkers w = service.workers();
            return HealthCheckResponse.named("extraction-workers").status(!w.exhausted())
                    .withData("stuck", w.stuck()).withData("running", w.running()).withData("queued", w.queued())
                    .build();
        }
    }
}
