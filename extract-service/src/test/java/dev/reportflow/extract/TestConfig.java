package dev.reportflow.extract;

import dev.reportflow.events.Topics;
import java.time.Duration;
import java.util.Map;

/** ExtractConfig with the production defaults, for unit tests that build the pieces by hand. */
record TestConfig(int workers, int maxInFlight, Duration timeout, int maxStuckWorkers, int maxReportBytes,
                  int maxEventsPerReport, int maxEventBytes) implements ExtractConfig {

    static TestConfig defaults() {
        return new TestConfig(2, 64, Duration.ofSeconds(10), 2, Topics.DEFAULT_MAX_REPORT_BYTES, 20000, 900000);
    }

    TestConfig withTimeout(Duration d) {
        return new TestConfig(workers, maxInFlight, d, maxStuckWorkers, maxReportBytes, maxEventsPerReport,
                maxEventBytes);
    }

    TestConfig withMaxReportBytes(int n) {
        return new TestConfig(workers, maxInFlight, timeout, maxStuckWorkers, n, maxEventsPerReport, maxEventBytes);
    }

    @Override
    public String serviceName() {
        return "extract-service";
    }

    @Override
    public boolean createTopics() {
        return false;
    }

    @Override
    public Out topics() {
        return new Out() {
            public String sections() { return Topics.REPORTS_SECTIONS; }
            public String indicators() { return Topics.REPORTS_INDICATORS; }
            public String extracted() { return Topics.REPORTS_EXTRACTED; }
            public String deadLetter() { return Topics.REPORTS_INGESTED_DLQ; }
        };
    }

    @Override
    public Map<String, String> producer() {
        return Map.of();
    }
}
