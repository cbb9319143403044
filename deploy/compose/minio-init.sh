#!/bin/sh
# Creates the reports bucket and routes its object-created events to MinIO's Kafka target
# (MINIO_NOTIFY_KAFKA_*_PRIMARY on the minio service -> topic bucket.notifications). Idempotent.
# Run by docker-compose's minio-init service inside the minio/mc image.
set -eu

mc alias set local "$S3_ENDPOINT" "$S3_ACCESS_KEY" "$S3_SECRET_KEY"
mc mb --ignore-existing "local/$S3_BUCKET"
mc event add --ignore-existing --event put "local/$S3_BUCKET" "$NOTIFY_ARN"
mc event ls "local/$S3_BUCKET"
