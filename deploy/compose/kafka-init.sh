#!/bin/bash
# Creates ReportFlow's topics with the settings of dev.reportflow.events.Topics.ALL.
# Idempotent (--if-not-exists); DeployManifestsTest fails the build if a line here drifts from
# Topics.ALL. Run by docker-compose's kafka-init service inside the apache/kafka image.
set -euo pipefail

BOOTSTRAP_SERVERS="${BOOTSTRAP_SERVERS:-kafka:9092}"
REPLICATION_FACTOR="${REPLICATION_FACTOR:-1}"
TOPICS_SH=/opt/kafka/bin/kafka-topics.sh

create() {
  "$TOPICS_SH" --bootstrap-server "$BOOTSTRAP_SERVERS" --create --if-not-exists \
    --replication-factor "$REPLICATION_FACTOR" "$@"
}

# topic                                  partitions   cleanup / retention.ms / max.message.bytes
create --topic reports.ingested      --partitions 6 --config cleanup.policy=compact --config retention.ms=-1        --config max.message.bytes=12582912
create --topic reports.sections      --partitions 6 --config cleanup.policy=delete  --config retention.ms=604800000  --config max.message.bytes=1048576
create --topic reports.indicators    --partitions 6 --config cleanup.policy=delete  --config retention.ms=604800000  --config max.message.bytes=1048576
create --topic reports.extracted     --partitions 6 --config cleanup.policy=delete  --config retention.ms=604800000  --config max.message.bytes=1048576
create --topic reports.rejected      --partitions 1 --config cleanup.policy=delete  --config retention.ms=2592000000 --config max.message.bytes=1048576
create --topic reports.ingested.dlq  --partitions 1 --config cleanup.policy=delete  --config retention.ms=2592000000 --config max.message.bytes=12582912
create --topic bucket.notifications  --partitions 1 --config cleanup.policy=delete  --config retention.ms=86400000   --config max.message.bytes=1048576

"$TOPICS_SH" --bootstrap-server "$BOOTSTRAP_SERVERS" --describe --exclude-internal
