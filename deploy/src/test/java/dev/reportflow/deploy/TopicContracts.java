package dev.reportflow.deploy;

import dev.reportflow.events.Topics;
import dev.reportflow.events.Topics.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Compares topics as deployed with {@link Topics#ALL}, the event contracts. */
final class TopicContracts {
    private TopicContracts() {}

    static List<String> compare(String where, List<TopicSpec> deployed) {
        List<String> problems = new ArrayList<>();
        Map<String, TopicSpec> byName = new TreeMap<>();
        for (TopicSpec t : deployed) {
            if (byName.put(t.name(), t) != null) problems.add(where + ": topic " + t.name() + " is defined twice");
        }
        for (TopicSpec want : Topics.ALL) {
            TopicSpec got = byName.remove(want.name());
            if (got == null) {
                problems.add(where + ": topic " + want.name() + " of Topics.ALL is not created");
                continue;
            }
            if (got.partitions() != want.partitions())
                problems.add(where + ": topic " + want.name() + " has " + got.partitions() + " partitions, the contract says " + want.partitions());
            if (got.compacted() != want.compacted())
                problems.add(where + ": topic " + want.name() + (want.compacted() ? " must" : " must not") + " be compacted");
            if (got.retentionMs() != want.retentionMs())
                problems.add(where + ": topic " + want.name() + " has retention.ms " + got.retentionMs() + ", the contract says " + want.retentionMs());
            if (got.maxMessageBytes() != want.maxMessageBytes())
                problems.add(where + ": topic " + want.name() + " has max.message.bytes " + got.maxMessageBytes() + ", the contract says " + want.maxMessageBytes());
        }
        byName.keySet().forEach(n -> problems.add(where + ": topic " + n + " is not in Topics.ALL"));
        return problems;
    }
}
