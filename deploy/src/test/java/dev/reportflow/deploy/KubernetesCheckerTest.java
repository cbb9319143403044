package dev.reportflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reportflow.deploy.Kustomize.Rendered;
import dev.reportflow.deploy.Kustomize.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each check of {@link KubernetesChecker}, fed a deliberately broken copy of the dev overlay. */
class KubernetesCheckerTest {
    static final Rendered DEV = Kustomize.render(DeployManifestsTest.ROOT.resolve("deploy/k8s/overlays/dev"));

    private static Rendered copy() {
        List<Resource> out = new ArrayList<>();
        for (Resource r : DEV.resources()) out.add(new Resource(r.body().deepCopy(), r.origin(), r.generated()));
        return new Rendered(out, DEV.examplesUsed());
    }

    /** The problems of the dev overlay after {@code change} to resource kind/name (known gaps excluded). */
    private static List<String> broken(String kind, String name, Consumer<ObjectNode> change) {
        Rendered r = copy();
        Resource target = r.find(kind, name);
        assertThat(target).as(kind + "/" + name).isNotNull();
        change.accept(target.body());
        return problems(r);
    }

    private static List<String> problems(Rendered r) {
        List<String> out = new ArrayList<>(KubernetesChecker.check("dev", r, DeployManifestsTest.MODULES));
        DeployManifestsTest.KNOWN_GAPS.forEach(g -> out.remove("dev: " + g));
        return out;
    }

    private static void assertReports(List<String> problems, String expected) {
        assertThat(problems).as("problems").anySatisfy(p -> assertThat(p).contains(expected));
    }

    private static ObjectNode container(ObjectNode workload) {
        return (ObjectNode) workload.at("/spec/template/spec/containers/0");
    }

    @Test
    void theUnbrokenCopyPasses() {
        assertThat(problems(copy())).isEmpty();
    }

    // ---- structure against the models and schemas

    @Test
    void unknownFieldInADeployment() {
        assertReports(broken("Deployment", "metrics-service", d -> container(d).set("readinesProbe", container(d).get("readinessProbe"))),
                "unknown field spec.template.spec.containers[0].readinesProbe");
    }

    @Test
    void mistypedFieldInADeployment() {
        assertReports(broken("Deployment", "metrics-service", d -> d.with("spec").put("replicas", "two")), "does not match the Deployment model");
    }

    @Test
    void numberWhereKubernetesWantsAString() {
        assertReports(broken("Job", "mongodb-init", j -> ((ObjectNode) container(j).at("/env/1")).put("value", 1)),
                "does not match the Job model");
    }

    @Test
    void unknownFieldInAStrimziResource() {
        assertReports(broken("KafkaTopic", "reports-sections", t -> t.with("spec").put("partition", 6)), "unknown field spec.partition");
        assertReports(broken("KafkaUser", "metrics-service", u -> u.with("spec").with("authentication").put("type", "scram-sha-256")),
                "does not match the KafkaUser model");
    }

    @Test
    void kedaFieldsAgainstTheVendoredSchema() {
        assertReports(broken("ScaledObject", "extract-service", s -> s.with("spec").put("maxReplicas", 6)), "schema");
        assertReports(broken("ScaledObject", "extract-service", s -> ((ObjectNode) s.at("/spec/triggers/0/metadata")).put("lagThreshold", 20)), "schema");
        assertReports(broken("ScaledObject", "extract-service", s -> ((ObjectNode) s.at("/spec/triggers/0/metadata")).put("topics", "reports.ingested")), "schema");
    }

    @Test
    void kindWithoutAModel() {
        Rendered r = copy();
        ObjectNode ingress = Yamls.JSON.createObjectNode().put("apiVersion", "networking.k8s.io/v1").put("kind", "Ingress");
        ingress.putObject("metadata").put("name", "dashboard");
        r.resources().add(new Resource(ingress, "test", false));
        assertReports(problems(r), "no model or schema for networking.k8s.io/v1/Ingress");
    }

    // ---- images, environment, probes

    @Test
    void imageThatMatchesNoModule() {
        assertReports(broken("Deployment", "metrics-service", d -> container(d).put("image", "reportflow/reporting-service:1")), "matches no module");
    }

    @Test
    void environmentVariableNoServiceReads() {
        assertReports(broken("ConfigMap", "metrics-service-config", c -> c.with("data").put("MONGO_DATABASE", "reportflow")),
                "environment variable MONGO_DATABASE is read by no setting of metrics-service");
        assertReports(broken("ConfigMap", "extract-service-config", c -> c.with("data").put("KAFKA_SASL_MECHANISMS", "PLAIN")),
                "KAFKA_SASL_MECHANISMS is read by no setting of extract-service");
    }

    @Test
    void probeOnAPathTheServiceDoesNotServe() {
        assertReports(broken("Deployment", "extract-service", d -> ((ObjectNode) container(d).at("/readinessProbe/httpGet")).put("path", "/health")),
                "readinessProbe path /health is not served by extract-service");
    }

    @Test
    void probeOnAnotherPort() {
        assertReports(broken("Deployment", "extract-service", d -> ((ObjectNode) container(d).at("/livenessProbe/httpGet")).put("port", 8080)),
                "livenessProbe port 8080 is not extract-service's HTTP port 8082");
    }

    @Test
    void missingProbe() {
        assertReports(broken("Deployment", "ingest-service", d -> container(d).remove("livenessProbe")), "has no livenessProbe");
    }

    @Test
    void missingResourceLimits() {
        assertReports(broken("StatefulSet", "minio", s -> ((ObjectNode) container(s).at("/resources")).remove("limits")), "has no resources.limits.cpu");
    }

    @Test
    void serviceTargetPortNoContainerHas() {
        assertReports(broken("Service", "metrics-service", s -> ((ObjectNode) s.at("/spec/ports/0")).put("targetPort", "web")), "targetPort web is not a port of Deployment/metrics-service");
    }

    // ---- secrets and config

    @Test
    void plainSecretWithValues() {
        Rendered r = copy();
        ObjectNode secret = Yamls.JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Secret");
        secret.putObject("metadata").put("name", "leaked");
        secret.putObject("stringData").put("password", "hunter2");
        r.resources().add(new Resource(secret, "secrets.yaml", false));
        assertReports(problems(r), "a Secret with values in a plain manifest");
    }

    @Test
    void credentialAsALiteral() {
        assertReports(broken("Job", "minio-init", j -> ((ArrayNode) container(j).withArray("env")).addObject().put("name", "MINIO_ROOT_PASSWORD").put("value", "minio123")),
                "MINIO_ROOT_PASSWORD has a literal value");
        assertReports(broken("ConfigMap", "ingest-service-config", c -> c.with("data").put("S3_SECRET_KEY", "x")), "looks like a credential");
    }

    @Test
    void referenceToASecretNothingCreates() {
        assertReports(broken("Deployment", "metrics-service", d -> ((ObjectNode) container(d).at("/env/1/valueFrom/secretKeyRef")).put("name", "mongodb-uri")),
                "references Secret mongodb-uri, which nothing creates");
        assertReports(broken("Deployment", "metrics-service", d -> ((ObjectNode) container(d).at("/env/1/valueFrom/secretKeyRef")).put("key", "url")),
                "references key url of Secret reportflow-mongodb");
    }

    // ---- Kafka: topics, users, cluster

    @Test
    void topicPartitionsThatDriftFromTheContracts() {
        assertReports(broken("KafkaTopic", "reports-ingested", t -> t.with("spec").put("partitions", 12)),
                "topic reports.ingested has 12 partitions, the contract says 6");
        assertReports(broken("KafkaTopic", "reports-ingested-dlq", t -> t.with("spec").with("config").put("max.message.bytes", 1048576)),
                "topic reports.ingested.dlq has max.message.bytes 1048576");
    }

    @Test
    void missingAndExtraTopics() {
        assertReports(broken("KafkaTopic", "bucket-notifications", t -> t.with("spec").put("topicName", "minio.events")),
                "topic bucket.notifications of Topics.ALL is not created");
        assertReports(broken("KafkaTopic", "bucket-notifications", t -> t.with("spec").put("topicName", "minio.events")),
                "topic minio.events is not in Topics.ALL");
    }

    @Test
    void aclBeyondWhatTheServiceNeeds() {
        assertReports(broken("KafkaUser", "extract-service", u -> ((ArrayNode) u.at("/spec/authorization/acls/0/operations")).add("Write")),
                "Write on [reports.extracted, reports.indicators, reports.ingested, reports.ingested.dlq, reports.sections], but extract-service needs exactly");
    }

    @Test
    void aclMissingForAConsumerGroup() {
        assertReports(broken("KafkaUser", "metrics-service", u -> ((ObjectNode) u.at("/spec/authorization/acls/3/resource")).put("name", "reporting")),
                "consumes as group metrics-service without a Read ACL");
    }

    @Test
    void replicationFactorAboveTheBrokerCount() {
        assertReports(broken("Kafka", "reportflow", k -> ((ObjectNode) k.at("/spec/kafka/config")).put("default.replication.factor", 3)),
                "default.replication.factor 3 exceeds the 1 broker(s)");
    }

    @Test
    void topicOfAnotherCluster() {
        assertReports(broken("KafkaTopic", "reports-sections", t -> ((ObjectNode) t.at("/metadata/labels")).put("strimzi.io/cluster", "events")),
                "label strimzi.io/cluster names no Kafka resource: events");
    }

    // ---- autoscaling and disruption

    @Test
    void moreReplicasThanPartitions() {
        assertReports(broken("ScaledObject", "extract-service", s -> s.with("spec").put("maxReplicaCount", 10)),
                "maxReplicaCount 10 differs from the 6 partitions of reports.ingested");
    }

    @Test
    void lagOfAGroupTheServiceDoesNotUse() {
        assertReports(broken("ScaledObject", "extract-service", s -> ((ObjectNode) s.at("/spec/triggers/0/metadata")).put("consumerGroup", "extract")),
                "consumerGroup extract on reports.ingested is not a group extract-service consumes");
    }

    @Test
    void scaledDeploymentThatAlsoSetsReplicas() {
        assertReports(broken("Deployment", "extract-service", d -> d.with("spec").put("replicas", 2)), "sets spec.replicas although ScaledObject");
    }

    @Test
    void kedaUserWithoutDescribe() {
        assertReports(broken("KafkaUser", "keda", u -> ((ObjectNode) u.at("/spec/authorization/acls/0/resource")).put("name", "reports.sections")),
                "KEDA reads the offsets of reports.ingested but may not Describe it");
    }

    @Test
    void disruptionBudgetThatBlocksDrains() {
        assertReports(broken("PodDisruptionBudget", "ingest-service", p -> {
            p.with("spec").remove("maxUnavailable");
            p.with("spec").put("minAvailable", 1);
        }), "blocks every node drain");
    }

    // ---- network policies

    @Test
    void egressTheServiceDoesNotNeed() {
        assertReports(broken("NetworkPolicy", "extract-service", n -> ((ArrayNode) n.at("/spec/egress")).add(
                        DEV.find("NetworkPolicy", "metrics-service").body().at("/spec/egress/2").deepCopy())),
                "extract-service does not use mongodb but its NetworkPolicy allows it");
    }

    @Test
    void egressTheServiceNeeds() {
        assertReports(broken("NetworkPolicy", "ingest-service", n -> ((ArrayNode) n.at("/spec/egress")).remove(3)),
                "ingest-service needs s3 but its NetworkPolicy does not allow it");
    }

    @Test
    void egressToAnywhere() {
        assertReports(broken("NetworkPolicy", "metrics-service", n -> ((ArrayNode) n.at("/spec/egress")).addObject()),
                "an egress rule without 'to'");
    }

    @Test
    void unrestrictedEgress() {
        assertReports(broken("NetworkPolicy", "metrics-service", n -> ((ArrayNode) n.at("/spec/policyTypes")).remove(1)),
                "no NetworkPolicy restricts its egress");
    }

    @Test
    void workloadsThatDisagreeOnTheBucket() {
        assertReports(broken("Job", "minio-init", j -> {
            for (var e : container(j).withArray("env")) if (e.path("name").asText().equals("S3_BUCKET")) ((ObjectNode) e).put("value", "uploads");
        }), "disagree on the bucket");
    }
}
