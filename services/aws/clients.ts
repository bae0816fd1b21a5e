/**
 * The AWS SDK v3 clients the collectors use, built once per composition root and passed down (no module singletons).
 * Against real AWS the SDK's default credential chain applies; locally `endpointUrl` points every client at moto.
 */
import { IAMClient } from "@aws-sdk/client-iam";
import { KMSClient } from "@aws-sdk/client-kms";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { S3Client } from "@aws-sdk/client-s3";
import { S3ControlClient } from "@aws-sdk/client-s3-control";
import { STSClient } from "@aws-sdk/client-sts";
import { Readable } from "node:stream";
import { partitionOf } from "./s3-mapping.js";

export interface AwsClients {
  s3: S3Client;
  s3control: S3ControlClient;
  iam: IAMClient;
  sts: STSClient;
  kms: KMSClient;
  organizations: OrganizationsClient;
}

export interface AwsClientOptions {
  region: string;
  /** moto (or another S3/IAM emulator) when set; unset against real AWS. */
  endpointUrl?: string;
  /** Attempts per call including the first; the SDK backs off between them (throttling, 5xx, network). */
  maxAttempts?: number;
}

const ORGANIZATIONS_REGION = { aws: "us-east-1", "aws-cn": "cn-northwest-1", "aws-us-gov": "us-gov-west-1" } as const;

/** Enough to ride out S3 SlowDown and IAM Throttling bursts during a full-account sweep. */
const DEFAULT_MAX_ATTEMPTS = 6;

/** A CreationDate without a zone, as moto writes it ("2026-11-26T12:40:35.453632"); AWS always sends one (UTC). */
const NAIVE_CREATION_DATE = /<CreationDate>(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?)<\/CreationDate>/g;

/**
 * Two emulator-only adjustments to S3 Control, applied only when an endpoint URL is given:
 * - moto reads the account of access point calls from the first label of the Host header (real S3 Control is
 *   addressed as <account>.s3-control...), so the Host header gets that label while the connection still goes to the
 *   endpoint as given;
 * - moto writes GetAccessPoint's CreationDate without a time zone, which the SDK's strict RFC 3339 parser refuses,
 *   failing the whole call: such timestamps are read as UTC before the SDK deserializes the body (priority "low"
 *   places this inside the deserializer, next to the raw response).
 */
function forEmulator(client: S3ControlClient): S3ControlClient {
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { hostname?: string; port?: number; headers?: Record<string, string> };
      const account = request.headers?.["x-amz-account-id"];
      if (account !== undefined && request.hostname !== undefined && request.headers !== undefined) {
        request.headers.host = `${account}.${request.hostname}${request.port === undefined ? "" : `:${request.port}`}`;
      }
      return next(args);
    },
    { step: "build", priority: "low", name: "emulatorAccountHost" },
  );
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const response = result.response as { body?: unknown };
      if (response.body instanceof Readable) {
        const chunks: Buffer[] = [];
        for await (const chunk of response.body) chunks.push(Buffer.from(chunk as Uint8Array));
        const text = Buffer.concat(chunks)
          .toString("utf8")
          .replace(NAIVE_CREATION_DATE, "<CreationDate>$1Z</CreationDate>");
        response.body = Readable.from([Buffer.from(text, "utf8")]);
      }
      return result;
    },
    { step: "deserialize", priority: "low", name: "emulatorZonelessTimestamps" },
  );
  return client;
}

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
    s3control:
      endpointUrl === undefined
        ? new S3ControlClient(common)
        : forEmulator(
            new S3ControlClient({
              ...common,
              // S3 Control prefixes the host with the account id ("123456789012.s3-control..."), which cannot
              // resolve for an IP endpoint such as moto's: send requests to the endpoint as given (the account id
              // also travels in the x-amz-account-id header, which is what moto reads).
              endpointProvider: () => ({ url: new URL(endpointUrl) }),
            }),
          ),
    iam: new IAMClient({ ...common, ...endpoint }),
    sts: new STSClient({ ...common, ...endpoint }),
    kms: new KMSClient({ ...common, ...endpoint }),
    // Organizations is a global service with one endpoint region per partition, whatever region the audit sweeps.
    organizations: new OrganizationsClient({
      ...common,
      region: ORGANIZATIONS_REGION[partitionOf(region)],
      ...endpoint,
    }),
  };
}

/** Closes the clients' sockets; call when a process or test is done with them. */
export function destroyAwsClients(clients: AwsClients): void {
  clients.s3.destroy();
  clients.s3control.destroy();
  clients.iam.destroy();
  clients.sts.destroy();
  clients.kms.destroy();
  clients.organizations.destroy();
}
