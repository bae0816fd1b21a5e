/** Object collectors: the paginated listing of a bucket, and a byte stream of one object for classification. */
import { GetObjectCommand, paginateListObjectsV2 } from "@aws-sdk/client-s3";
import { Readable } from "node:stream";
import { AwsCallError } from "../errors.js";
import { toAwsCallError } from "./aws-error.js";
import type { AwsClients } from "./clients.js";
import type { ObjectFacts } from "./inventory.js";
import { bucketArn, toObjectFacts } from "./s3-mapping.js";

export interface ListObjectsOptions {
  /** Keys per ListObjectsV2 page (S3 caps it at 1,000). */
  pageSize?: number;
  prefix?: string;
}

/** Yields one array of objects per ListObjectsV2 page, so that callers can batch their writes by page. */
export async function* listObjects(
  clients: Pick<AwsClients, "s3">,
  bucket: string,
  { pageSize = 1000, prefix }: ListObjectsOptions = {},
): AsyncGenerator<ObjectFacts[]> {
  const pages = paginateListObjectsV2(
    { client: clients.s3, pageSize },
    { Bucket: bucket, ...(prefix === undefined ? {} : { Prefix: prefix }) },
  );
  try {
    for await (const page of pages) {
      const objects = (page.Contents ?? [])
        .map((o) => toObjectFacts(bucket, o))
        .filter((o): o is ObjectFacts => o !== null);
      if (objects.length > 0) yield objects;
    }
  } catch (error) {
    throw toAwsCallError("s3:ListObjectsV2", error, bucketArn(bucket, await clients.s3.config.region()));
  }
}

export interface OpenObjectOptions {
  /** Read at most this many bytes from the start of the object (a ranged GET). */
  maxBytes?: number;
}

/**
 * Opens an object's body as a Node stream (the first `maxBytes` bytes when given). Throws AwsCallError whose
 * `awsCode` says why: AccessDenied, NoSuchKey, or InvalidObjectState (archived in Glacier Flexible Retrieval or
 * Deep Archive: it needs a restore first).
 */
export async function openObject(
  clients: Pick<AwsClients, "s3">,
  bucket: string,
  key: string,
  { maxBytes }: OpenObjectOptions = {},
): Promise<Readable> {
  const resource = `arn:aws:s3:::${bucket}/${key}`;
  if (maxBytes !== undefined && (!Number.isInteger(maxBytes) || maxBytes < 1)) {
    throw new AwsCallError(
      "s3:GetObject",
      "InvalidRange",
      `maxBytes must be a positive integer, got ${maxBytes}`,
      resource,
    );
  }
  try {
    const output = await clients.s3.send(
      new GetObjectCommand({
        Bucket: bucket,
        Key: key,
        ...(maxBytes === undefined ? {} : { Range: `bytes=0-${maxBytes - 1}` }),
      }),
    );
    if (!(output.Body instanceof Readable)) {
      throw new AwsCallError("s3:GetObject", "NoBody", "the response carried no readable body", resource);
    }
    return output.Body;
  } catch (error) {
    if (error instanceof AwsCallError) throw error;
    const failure = toAwsCallError("s3:GetObject", error, resource);
    // S3 answers a ranged GET of an empty object with InvalidRange (416): there is simply nothing to read.
    if (failure.awsCode === "InvalidRange" && maxBytes !== undefined) {
      return Readable.from([]);
    }
    throw failure;
  }
}
