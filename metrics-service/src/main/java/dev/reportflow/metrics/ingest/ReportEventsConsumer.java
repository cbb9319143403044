package dev.reportflow.metrics.ingest;

import dev.reportflow.events.EventJson;
import dev.reportflow.events.IndicatorExtracted;
import dev.reportflow.events.ReportExtracted;
import dev.reportflow.events.SectionExtracted;
import dev.reportflow.metrics.service.MetricsStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes reports.sections, reports.indicators and reports.extracted in batches on one channel
 * (consumer group {@code metrics-service}). The batch is acknowledged, i.e. its offsets committed,
 * only after {@link MetricsStore#ingest} has stored it; a crash before that redelivers it.
 */
@ApplicationScoped
public class ReportEventsConsumer {
    private static final Logger LOG = Logger.getLogger(ReportEventsConsumer.class);

    /** The incoming channel (its {@code mp.messaging.incoming.report-events.*} configuration). */
    public static final String CHANNEL = "report-events";

    @Inject
    MetricsStore store;

    @ConfigProperty(name = "reportflow.topics.sections")
    String sectionsTopic;

    @ConfigProperty(name = "reportflow.topics.indicators")
    String indicatorsTopic;

    @ConfigProperty(name = "reportflow.topics.extracted")
    String extractedTopic;

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<SectionExtracted> sections = new ArrayList<>();
        List<IndicatorExtracted> indicators = new ArrayList<>();
        List<ReportExtracted> summaries = new ArrayList<>();
        int unreadable = 0;
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                if (r.value() == null) {
                    unreadable++;
                } else if (r.topic().equals(sectionsTopic)) {
                    sections.add(EventJson.read(r.value(), SectionExtracted.class));
                } else if (r.topic().equals(indicatorsTopic)) {
                    indicators.add(EventJson.read(r.value(), IndicatorExtracted.class));
                } else if (r.topic().equals(extractedTopic)) {
                    summaries.add(EventJson.read(r.value(), ReportExtracted.class));
                } else {
                    unreadable++;
                }
            } catch (IllegalArgumentException e) {
                // A malformed event cannot become valid by retrying: count it, log where it is, go on.
                unreadable++;
                LOG.warnf("skipping unreadable event %s-%d@%d (key %s): %s", r.topic(), r.partition(), r.offset(),
                        r.key(), e.getMessage());
            }
        }
        store.ingest(sections, indicators, summaries, unreadable, records.count());
    }
}
