/** Builds the executable GraphQL schema from the type-graphql classes; the one list of resolvers lives here. */
import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { AccessResolver } from "./access.js";
import { AuditRunResolver } from "./audit-run.js";
import { BucketResolver } from "./bucket.js";
import { CustomDataResolver } from "./custom-data.js";
import { ExplainResolver } from "./explain.js";
import { FindingResolver } from "./finding.js";
import { PrincipalResolver } from "./principal.js";
import { ReachResolver } from "./reach.js";

export function buildSightlineSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [BucketResolver, FindingResolver, PrincipalResolver, AccessResolver, ReachResolver, AuditRunResolver, ExplainResolver, CustomDataResolver],
    // Inputs are checked by the resolvers (InvalidInputError), not by class-validator decorators.
    validate: false,
  });
}
