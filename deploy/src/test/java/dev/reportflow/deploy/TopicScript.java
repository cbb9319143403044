package dev.reportflow.deploy;

import dev.reportflow.events.Topics.TopicSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the topics a kafka-topics.sh init script creates: one {@code create --topic ...} line each. */
final class TopicScript {
    private static final Pattern OPT = Pattern.compile("--(topic|partitions|config)\\s+(\\S+)");

    private TopicScript() {}

    static List<TopicSpec> parse(String script) {
        List<TopicSpec> out = new ArrayList<>();
        for (String line : script.split("\n")) {
            String l = line.strip();
            if (l.startsWith("#") || !l.contains("--topic ")) continue;
            String name = null;
            Integer partitions = null;
            Map<String, String> config = new HashMap<>();
            Matcher m = OPT.matcher(l);
            while (m.find()) {
                switch (m.group(1)) {
                    case "topic" -> name = m.group(2);
                    case "partitions" -> partitions = Integer.parseInt(m.group(2));
                    default -> {
                        String[] kv = m.group(2).split("=", 2);
                        config.put(kv[0], kv.length > 1 ? kv[1] : "");
                    }
                }
            }
            if (l.contains("--describe") || l.contains("--list")) continue;
            if (partitions == null) throw new IllegalArgumentException("no --partitions for topic " + name + ": " + l);
            out.add(new TopicSpec(name, partitions, "compact".equals(config.get("cleanup.policy")),
                    Long.parseLong(config.getOrDefault("retention.ms", "604800000")),
                    Integer.parseInt(config.getOrDefault("max.message.bytes", "1048588"))));
        }
        return out;
    }
}
