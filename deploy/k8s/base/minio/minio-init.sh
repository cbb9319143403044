#!/bin/sh
# Run by the minio-init Job (minio/mc image): creates the reports bucket, routes its object-created
# events to MinIO's Kafka target (topic bucket.notifications), and creates ingest-service's own
# access key (Secret reportflow-s3) with read/write on that bucket only. Safe to run again.
set -eu

mc alias set local "$MINIO_ENDPOINT" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"
mc mb --ignore-existing "local/$S3_BUCKET"
mc event add --ignore-existing --event put "local/$S3_BUCKET" "$NOTIFY_ARN"

cat > /tmp/reportflow-bucket.json <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetBucketLocation", "s3:ListBucket"],
     "Resource": ["arn:aws:s3:::$S3_BUCKET"]},
    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
     "Resource": ["arn:aws:s3:::$S3_BUCKET/*"]}
  ]
}
POLICY
mc admin policy create local reportflow-bucket /tmp/reportflow-bucket.json
mc admin user add local "$S3_ACCESS_KEY" "$S3_SECRET_KEY"
mc admin policy attach local reportflow-bucket --user "$S3_ACCESS_KEY" || true  # already attached
mc event ls "local/$S3_BUCKET"
