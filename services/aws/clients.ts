/**
 * The AWS SDK v3 clients the collectors use, built once per composition root and passed down (no module singletons).
 * Against real AWS the SDK's default credential chain applies; locally `endpointUrl` points every client at moto.
 */
import { IAMClient } from "@aws-sdk/client-iam";
import { S3Client } from "@aws-sdk/client-s3";
import { S3ControlClient } from "@aws-sdk/client-s3-control";
import { STSClient } from "@aws-sdk/client-sts";

export interface AwsClients {
  s3: S3Client;
  s3control: S3ControlClient;
  iam: IAMClient;
  sts: STSClient;
}

export interface AwsClientOptions {
  region: string;
  /** moto (or another S3/IAM emulator) when set; unset against real AWS. */
  endpointUrl?: string;
  /** Attempts per call including the first; the SDK backs off between them (throttling, 5xx, network). */
  maxAttempts?: number;
}

/** Enough to ride out S3 SlowDown and IAM Throttling bursts during a full-account sweep. */
const DEFAULT_MAX_ATTEMPTS = 6;

export function createAwsClients({
  region,
  endpointUrl,
  maxAttempts = DEFAULT_MAX_ATTEMPTS,
}: AwsClientOptions): AwsClients {
  const common = { region, maxAttempts, retryMode: "adaptive" as const };
  const endpoint = endpointUrl === undefined ? {} : { endpoint: endpointUrl };
  return {
    s3: new S3Client({
      ...common,
      ...endpoint,
      // moto serves buckets by path; real S3 prefers virtual-hosted style.
      forcePathStyle: endpointUrl !== undefined,
      // Buckets live in many regions; let the SDK retry a call in the bucket's region after a 301.
      followRegionRedirects: true,
    }),
    s3control: new S3ControlClient({
      ...common,
      // S3 Control prefixes the host with the account id ("123456789012.s3-control..."), which cannot resolve for
      // an IP endpoint such as moto's: send requests to the endpoint as given (the account id also travels in the
      // x-amz-account-id header, which is what moto reads).
      ...(endpointUrl === undefined ? {} : { endpointProvider: () => ({ url: new URL(endpointUrl) }) }),
    }),
    iam: new IAMClient({ ...common, ...endpoint }),
    sts: new STSClient({ ...common, ...endpoint }),
  };
}

/** Closes the clients' sockets; call when a process or test is done with them. */
export function destroyAwsClients(clients: AwsClients): void {
  clients.s3.destroy();
  clients.s3control.destroy();
  clients.iam.destroy();
  clients.sts.destroy();
}
