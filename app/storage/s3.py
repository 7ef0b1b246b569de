"""Objects in an S3-compatible bucket (AWS S3, SeaweedFS, MinIO, Ceph) through boto3.

``STORAGE_URL=s3://bucket[/prefix]`` names the bucket. The rest comes from the environment:
``STORAGE_ENDPOINT_URL`` (or boto3's own ``AWS_ENDPOINT_URL``) for a store other than AWS,
``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY`` (or any credential source boto3 knows), and
``STORAGE_REGION`` (or ``AWS_DEFAULT_REGION``, default us-east-1). A single PUT is atomic: an
object is either absent or complete, so no temporary names are needed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from urllib.parse import urlsplit

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from app import serving
from app.storage.base import ObjectMissing, OpenedObject, StorageUnavailable, StoredObject

_MISSING_CODES = {"NoSuchKey", "404", "NotFound"}


def _client(*, attempts: int, connect_timeout: float, read_timeout: float):
    endpoint = os.environ.get("STORAGE_ENDPOINT_URL") or os.environ.get("AWS_ENDPOINT_URL")
    region = os.environ.get("STORAGE_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
    config = Config(
        connect_timeout=connect_timeout,
        read_timeout=read_timeout,
        # "total": the first try included (boto3's "max_attempts" would add one more).
        retries={"total_max_attempts": attempts, "mode": "standard"},
        # Path-style addressing works with every S3-compatible store, not only AWS.
        s3={"addressing_style": "path"},
    )
    return boto3.session.Session().client(
        "s3", endpoint_url=endpoint or None, region_name=region, config=config
    )


class S3Storage:
    def __init__(self, bucket: str, prefix: str = "") -> None:
        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        # Every call gives up well before gunicorn kills the worker (app/serving.py), so a
        # frozen store ends a request in the 503 page.
        self.client = _client(
            attempts=serving.STORAGE_ATTEMPTS,
            connect_timeout=serving.STORAGE_CONNECT_TIMEOUT_SECONDS,
            read_timeout=serving.STORAGE_READ_TIMEOUT_SECONDS,
        )
        # The readiness check answers fast: one attempt, short timeouts.
        self.probe = _client(
            attempts=1,
            connect_timeout=serving.STORAGE_PROBE_TIMEOUT_SECONDS,
            read_timeout=serving.STORAGE_PROBE_TIMEOUT_SECONDS,
        )

    @classmethod
    def from_url(cls, url: str) -> S3Storage:
        parts = urlsplit(url)
        if parts.scheme != "s3" or not parts.netloc:
            raise ValueError(f"Not an s3://bucket[/prefix] URL: {url!r}")
        return cls(parts.netloc, parts.path)

    def _key(self, name: str) -> str:
        return self.prefix + name

    def put(self, name: str, data: bytes) -> None:
        try:
            self.client.put_object(Bucket=self.bucket, Key=self._key(name), Body=data)
        except (BotoCoreError, ClientError) as error:
            raise StorageUnavailable(str(error)) from error

    def open(self, name: str) -> OpenedObject:
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self._key(name))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in _MISSING_CODES:
                raise ObjectMissing(name) from None
            raise StorageUnavailable(str(error)) from error
        except BotoCoreError as error:
            raise StorageUnavailable(str(error)) from error
        return OpenedObject(
            size=int(answer["ContentLength"]),
            modified=answer["LastModified"],
            stream=answer["Body"],
            etag=str(answer.get("ETag", "")).strip('"') or None,
        )

    def delete(self, name: str) -> None:
        try:
            self.client.delete_object(Bucket=self.bucket, Key=self._key(name))
        except (BotoCoreError, ClientError) as error:
            raise StorageUnavailable(str(error)) from error

    def list(self) -> Iterator[StoredObject]:
        paginator = self.client.get_paginator("list_objects_v2")
        try:
            for page in paginator.paginate(Bucket=self.bucket, Prefix=self.prefix, Delimiter="/"):
                for item in page.get("Contents", []):
                    name = item["Key"][len(self.prefix) :]
                    if name:
                        yield StoredObject(name, item["LastModified"])
        except (BotoCoreError, ClientError) as error:
            raise StorageUnavailable(str(error)) from error

    def check(self) -> None:
        try:
            self.probe.head_bucket(Bucket=self.bucket)
        except (BotoCoreError, ClientError) as error:
            raise StorageUnavailable(str(error)) from error

    def create_bucket(self) -> None:
        """Create the bucket if it does not exist (deployment script, tests)."""
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except ClientError:
            self.client.create_bucket(Bucket=self.bucket)
