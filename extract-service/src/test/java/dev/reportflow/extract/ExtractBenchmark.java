package dev.reportflow.extract;

import dev.reportflow.events.ReportIngested;
import dev.reportflow.events.Topics;
import dev.reportflow.extraction.ReportExtractor;
import dev.reportflow.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Throughput of the packaged service on the real (devstack) broker, next to a raw consume-and-produce pipe
 * that moves the same records with the same output sizes but does no extraction. Not part of the default
 * run (failsafe includes only *IT); run it with:
 * {@code ./mvnw -B -pl extract-service verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ExtractBenchmark}
 * Figures go to stdout and target/benchmark-extract.txt; copy them to docs/benchmarks.md.
 */
class ExtractBenchmark {
    static final int REPORTS = Integer.getInteger("bench.reports", 10000);
    /**
     * Reports processed before the measured window opens: a long-running service is measured warmed up.
     * On 2 shared cores C2 is still compiling after 10,000 reports (about a third of the service's CPU in the
     * window); after 30,000 the JIT's share is under a tenth.
     */
    static final int WARMUP = Integer.getInteger("bench.warmup", 30000);
    static final int TOTAL = WARMUP + REPORTS;
    /** Instance counts to run, e.g. {@code -Dbench.instances=1} for a quicker profiling run. */
    static final int[] INSTANCES = java.util.Arrays.stream(System.getProperty("bench.instances", "1,2").split(","))
            .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    /** Extra JVM flags for the service processes, e.g. {@code -Dbench.jvm-args=-XX:StartFlightRecording=...}. */
    static final String[] JVM_ARGS = ("-Xmx512m " + System.getProperty("bench.jvm-args", "")).trim().split("\\s+");
    final String bootstrap = RealInfrastructure.kafkaBootstrapServers();
    final StringBuilder out = new StringBuilder();

    record Topicset(String in, String sections, String indicators, String extracted, String dlq) {
        static Topicset fresh(String name) {
            String p = "bench-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
            return new Topicset(p + ".ingested", p + ".sections", p + ".indicators", p + ".extracted", p + ".ingested.dlq");
        }

        List<String> all() {
            return List.of(in, sections, indicators, extracted, dlq);
        }
    }

    void line(String s) {
        System.out.println(s);
        out.append(s).append('\n');
    }

    @Test
    void throughput() throws Exception {
        List<byte[]> samples = Fixtures.samples().stream().map(Fixtures::read).toList();
        // The real output of each sample, serialized as the service would: the raw pipe writes these bytes.
        ReportExtractor extractor = ReportExtractor.withDefaults();
        List<ExtractedEvents> outputs = new ArrayList<>();
        for (byte[] s : samples) {
            ReportIngested in = Fixtures.ingested("s.txt", s, null);
            outputs.add(ExtractedEvents.of(in, extractor.extract(s, "s.txt"), 1, Instant.now(), 20000, 900000));
        }
        double events = outputs.stream().mapToInt(ExtractedEvents::eventCount).average().orElse(0);
        double inds = outputs.stream().mapToInt(ExtractedEvents::indicatorCount).average().orElse(0);
        line("extract-service benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, load average before: " + Files.readString(Path.of("/proc/loadavg")).trim());
        line(String.format("%d reports measured after %d warm-up ones (the 5 samples, each made unique), %.1f"
                + " events/report (%.1f indicators), extractor %s", REPORTS, WARMUP, events, inds, extractor.version()));

        Topicset raw = Topicset.fresh("raw");
        create(raw);
        feed(raw.in(), samples);
        double rawRate = rawPipe(raw, outputs);
        line(String.format("raw consume-and-produce (no extraction, same records and sizes): %.0f reports/s,"
                + " %.0f indicator events/s", rawRate, rawRate * inds));

        for (int instances : INSTANCES) {
            Topicset t = Topicset.fresh("svc" + instances);
            create(t);
            feed(t.in(), samples);
            double rate = service(t, instances);
            line(String.format("extract-service x%d: %.0f reports/s, %.0f indicator events/s (%.0f%% of raw)",
                    instances, rate, rate * inds, 100 * rate / rawRate));
        }
        line("load average after: " + Files.readString(Path.of("/proc/loadavg")).trim());
        Files.writeString(Path.of("target", "benchmark-extract.txt"), out.toString());
    }

    void create(Topicset t) throws Exception {
        try (Admin admin = admin()) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : t.all()) {
                Topics.TopicSpec s = KafkaAdmin.specFor(name);
                topics.add(new NewTopic(name, s.partitions(), (short) 1)
                        .configs(Map.of("max.message.bytes", String.valueOf(s.maxMessageBytes()))));
            }
            admin.createTopics(topics).all().get();
            // A first write to a partition whose leader is not settled yet can wedge an idempotent producer.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!leadersReady(admin, t)) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("no leaders for " + t);
                Thread.sleep(100);
            }
            Thread.sleep(1000);
        }
    }

    static boolean leadersReady(Admin admin, Topicset t) throws InterruptedException {
        try {
            return admin.describeTopics(t.all()).allTopicNames().get().values().stream()
                    .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        } catch (java.util.concurrent.ExecutionException notYetKnown) {
            return false;
        }
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    void feed(String topic, List<byte[]> samples) throws Exception {
        String run = UUID.randomUUID().toString();
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < TOTAL; i++) {
                String text = new String(samples.get(i % samples.size()), StandardCharsets.UTF_8) + "\n" + run + i;
                ReportIngested r = Fixtures.ingested("s" + i + ".txt", text.getBytes(StandardCharsets.UTF_8), null);
                sent.add(p.send(new ProducerRecord<>(topic, r.reportId(), Fixtures.json(r))));
            }
            p.flush();
            for (java.util.concurrent.Future<?> f : sent) f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    long count(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> req = new HashMap<>();
        for (int i = 0; i < Topics.DEFAULT_PARTITIONS; i++) req.put(new TopicPartition(topic, i), OffsetSpec.latest());
        return admin.listOffsets(req).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }

    /** Throughput and CPU cost over the measured window (the {@link #REPORTS} after the warm-up ones). */
    record Window(double reportsPerSecond, double[] cpuMsPerReport) {}

    /** Reports/s between the warm-up's last summary and the last one (start-up and JIT warm-up excluded). */
    Window measure(String summaries, Duration max, List<java.util.function.DoubleSupplier> cpu) throws Exception {
        try (Admin admin = admin()) {
            long deadline = System.nanoTime() + max.toNanos();
            long t10 = 0, n10 = 0;
            double[] cpu10 = new double[cpu.size()];
            while (System.nanoTime() < deadline) {
                long n = count(admin, summaries);
                long now = System.nanoTime();
                if (t10 == 0 && n >= WARMUP) {
                    t10 = now;
                    n10 = n;
                    for (int i = 0; i < cpu.size(); i++) cpu10[i] = cpu.get(i).getAsDouble();
                }
                if (n >= TOTAL) {
                    double[] perReport = new double[cpu.size()];
                    for (int i = 0; i < cpu.size(); i++) {
                        perReport[i] = 1000 * (cpu.get(i).getAsDouble() - cpu10[i]) / (n - n10);
                    }
                    return new Window((n - n10) / ((now - t10) / 1e9), perReport);
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("not all summaries in " + max);
        }
    }

    /** The devstack broker: a child process of this JVM started by test-support. */
    static long brokerPid() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains("devstack"))
                .findFirst().map(ProcessHandle::pid).orElse(-1L);
    }

    double service(Topicset t, int instances) throws Exception {
        Map<String, String> env = new HashMap<>(RealInfrastructure.env());
        env.put("EXTRACT_GROUP_ID", "bench-" + UUID.randomUUID());
        env.put("EXTRACT_INPUT_TOPIC", t.in());
        env.put("EXTRACT_TOPIC_SECTIONS", t.sections());
        env.put("EXTRACT_TOPIC_INDICATORS", t.indicators());
        env.put("EXTRACT_TOPIC_EXTRACTED", t.extracted());
        env.put("EXTRACT_TOPIC_DLQ", t.dlq());
        // Per-report lines would measure the console, not the service.
        env.put("QUARKUS_LOG_CATEGORY__DEV_REPORTFLOW_EXTRACT_REPORTS__LEVEL", "WARN");
        List<CompletableFuture<ServiceProcess>> starting = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            String name = "bench" + i;
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return ServiceProcess.start(name, env, JVM_ARGS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<ServiceProcess> ps = starting.stream().map(CompletableFuture::join).toList();
        try {
            List<java.util.function.DoubleSupplier> cpu = new ArrayList<>();
            long broker = brokerPid();
            cpu.add(() -> ServiceProcess.cpuSeconds(broker));
            for (ServiceProcess p : ps) cpu.add(p::cpuSeconds);
            for (ServiceProcess p : ps) cpu.add(p::jitCpuSeconds);
            Window w = measure(t.extracted(), Duration.ofMinutes(10), cpu);
            double serviceCpu = 0, jitCpu = 0;
            for (int i = 1; i <= ps.size(); i++) serviceCpu += w.cpuMsPerReport()[i];
            for (int i = ps.size() + 1; i < w.cpuMsPerReport().length; i++) jitCpu += w.cpuMsPerReport()[i];
            for (ServiceProcess p : ps) {
                String m = p.get("/q/metrics");
                line(String.format("  %s: %.0f reports, extractor %.2f ms/report (wall), extraction done to summary"
                        + " acked %.1f ms", p.name, p.extracted(), 1000 * mean(m, "reportflow_extract_duration_seconds"),
                        1000 * mean(m, "reportflow_extract_publish_duration_seconds")));
            }
            line(String.format("  CPU per report: service %.2f ms (of which JIT compiler threads %.2f ms), broker %.2f ms",
                    serviceCpu, jitCpu, w.cpuMsPerReport()[0]));
            return w.reportsPerSecond();
        } finally {
            for (ServiceProcess p : ps) p.close();
        }
    }

    static double mean(String metrics, String timer) {
        return value(metrics, timer + "_sum") / Math.max(1, value(metrics, timer + "_count"));
    }

    static double value(String metrics, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.eE+-]+)$")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(2)) : Double.NaN;
    }

    /** Consume each record, write the same number and sizes of records the service writes, commit per batch. */
    double rawPipe(Topicset t, List<ExtractedEvents> outputs) throws Exception {
        Map<String, Object> cc = new HashMap<>();
        cc.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cc.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-" + UUID.randomUUID());
        cc.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cc.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, Object> pc = ExtractService.producerConfig(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap), TestConfig.defaults());
        long t0 = 0, n = 0, n10 = 0;
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long broker = brokerPid();
        double cpu0 = 0, broker0 = 0;
        java.util.concurrent.ExecutorService followUp = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(cc, new StringDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> p = new KafkaProducer<>(pc)) {
            c.subscribe(List.of(t.in()));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (n < TOTAL && System.nanoTime() < deadline) {
                ConsumerRecords<String, byte[]> recs = c.poll(Duration.ofMillis(200));
                List<CompletableFuture<Void>> acks = new ArrayList<>();
                int i = 0;
                for (ConsumerRecord<String, byte[]> r : recs) {
                    ExtractedEvents ev = outputs.get(i++ % outputs.size());
                    List<CompletableFuture<Void>> parts = new ArrayList<>();
                    for (byte[] b : ev.sections()) parts.add(send(p, t.sections(), r.key(), b));
                    for (byte[] b : ev.indicators()) parts.add(send(p, t.indicators(), r.key(), b));
                    // Same "summary after acks" rule as the service, so the comparison is fair.
                    acks.add(CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                            .thenComposeAsync(v -> send(p, t.extracted(), r.key(), ev.summary()), followUp));
                }
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
                c.commitSync();
                n += recs.count();
                if (t0 == 0 && n >= WARMUP) {
                    t0 = System.nanoTime();
                    n10 = n;
                    cpu0 = os.getProcessCpuTime() / 1e9;
                    broker0 = ServiceProcess.cpuSeconds(broker);
                }
            }
            double rate = (n - n10) / ((System.nanoTime() - t0) / 1e9);
            line(String.format("  CPU per report: pipe %.2f ms (whole test JVM), broker %.2f ms",
                    1000 * (os.getProcessCpuTime() / 1e9 - cpu0) / (n - n10),
                    1000 * (ServiceProcess.cpuSeconds(broker) - broker0) / (n - n10)));
            return rate;
        } finally {
            followUp.shutdown();
        }
    }

    static CompletableFuture<Void> send(KafkaProducer<String, byte[]> p, String topic, String key, byte[] v) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        p.send(new ProducerRecord<>(topic, key, v), (md, e) -> {
            if (e != null) f.completeExceptionally(e);
            else f.complete(null);
        });
        return f;
    }
}
