/** IAM principals and the grantees Sightline models as principals (Public, external accounts, services). */
import { pagedQuery, runPage, type Page, type PageRequest } from "./pagination.js";
import type { CypherQuery, GraphReader } from "./reader.js";

export interface PrincipalFilter {
  kind?: string | null;
  /** Case-insensitive substring of the principal's name. */
  nameContains?: string | null;
  accountId?: string | null;
}

export interface PrincipalRow {
  arn: string;
  kind: string;
  name: string | null;
  accountId: string | null;
  path: string | null;
  permissionsBoundaryArn: string | null;
}

export const PRINCIPAL_PROJECTION = "p { .arn, .kind, .name, .accountId, .path, .permissionsBoundaryArn }";

export function principalsQuery(filter: PrincipalFilter, page: PageRequest): CypherQuery {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.kind) {
    conditions.push("p.kind = $kind");
    params.kind = filter.kind;
  }
  if (filter.nameContains) {
    conditions.push("toLower(p.name) CONTAINS toLower($nameContains)");
    params.nameContains = filter.nameContains;
  }
  if (filter.accountId) {
    conditions.push("p.accountId = $accountId");
    params.accountId = filter.accountId;
  }
  return pagedQuery({
    match: "MATCH (p:Principal)",
    conditions,
    orderKey: "p.arn",
    carry: "p",
    projection: PRINCIPAL_PROJECTION,
    params,
    page,
  });
}

export function runPrincipals(
  reader: GraphReader,
  filter: PrincipalFilter,
  page: PageRequest,
): Promise<Page<PrincipalRow>> {
  return runPage<PrincipalRow, PrincipalRow>(reader, principalsQuery(filter, page), (p) => p.arn, (p) => p);
}
