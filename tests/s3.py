"""A local S3-compatible server (moto's), for captures kept in object storage."""

import boto3
from moto.server import ThreadedMotoServer

CREDENTIALS = {"aws_access_key_id": "test", "aws_secret_access_key": "test"}  # moto takes any


class S3Server:
    """moto's S3 on a free local port, with `buckets` made; `client` is boto3's, to look inside."""

    def __init__(self, *buckets: str):
        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
        self._server.start()
        host, port = self._server.get_host_and_port()
        self.endpoint = f"http://{host}:{port}"
        self.client = boto3.client("s3", endpoint_url=self.endpoint, region_name="us-east-1", **CREDENTIALS)
        for bucket in buckets:
            self.client.create_bucket(Bucket=bucket)

    def keys(self, bucket: str) -> set[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
        return {item["Key"] for page in pages for item in page.get("Contents", [])}

    def read(self, bucket: str, key: str) -> bytes:
        return self.client.get_object(Bucket=bucket, Key=key)["Body"].read()

    def stop(self):
        self._server.stop()
