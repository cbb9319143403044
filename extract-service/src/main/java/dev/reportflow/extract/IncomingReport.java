package dev.reportflow.extract;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One record of {@code reports.ingested} as the processor sees it: undecoded, so a value that is not a
 * ReportIngested can still be dead-lettered with its original key and bytes.
 */
public record IncomingReport(String topic, int partition, long offset, String key, byte[] value, Headers headers) {

    /** Headers carried from the incoming record to every outgoing one (W3C trace context). */
    static final String[] PROPAGATED = {"traceparent", "tracestate"};

    public Headers propagatedHeaders() {
        RecordHeaders out = new RecordHeaders();
        if (headers == null) return out;
        for (String name : PROPAGATED) {
            Header h = headers.lastHeader(name);
            if (h != null) out.add(name, h.value());
        }
        return out;
    }

    public String traceparent() {
        Header h = headers == null ? null : headers.lastHeader("traceparent");
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset + " key=" + key;
    }
}
