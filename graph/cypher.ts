/**
 * The unit every graph write is built from: a Cypher text with its parameters. Builders in graph/writes/ are pure
 * functions returning these, so that tests can pin the exact Cypher and parameters without a database.
 */
export type CypherParams = Record<string, unknown>;

export interface CypherQuery {
  cypher: string;
  params: CypherParams;
}

/** Trims the common indentation of a template literal so that built Cypher reads well in snapshots and query logs. */
export function cypher(strings: TemplateStringsArray, ...values: string[]): string {
  const raw = strings.reduce((text, part, i) => text + part + (i < values.length ? values[i] : ""), "");
  const lines = raw.replace(/^\n/, "").replace(/\s+$/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim() !== "").map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join("\n");
}

/** S3 bucket names are global, so a bucket's ARN follows from its name alone. */
export function bucketArn(bucketName: string): string {
  return `arn:aws:s3:::${bucketName}`;
}

export function objectArn(bucketName: string, key: string): string {
  return `arn:aws:s3:::${bucketName}/${key}`;
}
