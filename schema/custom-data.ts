/**
 * Custom data identifiers and allow lists (Macie's CreateCustomDataIdentifier, TestCustomDataIdentifier,
 * CreateAllowList and their list/delete actions), and sample reveal for a sensitive-data finding. Definitions are
 * compiled with RE2 before anything is stored, so a hostile or invalid pattern is refused with BAD_USER_INPUT naming
 * the field; audits load the stored ones (graph/queries/custom-data.ts loadDetectorConfig).
 */
import { createHash } from "node:crypto";
import {
  Arg,
  Ctx,
  Field,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
} from "type-graphql";
import { findingObject, listAllowLists, listCustomIdentifiers, type AllowListRow, type CustomIdentifierRow } from "../graph/queries/custom-data.js";
import {
  deleteCustomData,
  writeAllowList,
  writeCustomIdentifier,
  type AllowListCriteria,
  type CustomIdentifierRecord,
  type GraphWriter,
} from "../graph/writes/custom-data.js";
import { createDetector } from "../services/classify/detect/detector.js";
import { compileAllowList } from "../services/classify/detect/allow-list.js";
import { compileCustomIdentifier, type CustomIdentifier } from "../services/classify/detect/custom-identifier.js";
import { InvalidInputError, NotFoundError, ServiceUnavailableError, SightlineError } from "../services/errors.js";
import { validators } from "../services/classify/validators/index.js";
import { extractSamples, REVEAL_LIMITS, type SampleGroup as RevealedGroup } from "../workflows/reveal.js";
import type { ApiContext } from "./context.js";
import { Severity } from "./enums.js";
import { DateTimeISO, toDate } from "./scalars.js";

/** The caller may not do this here (clear-text samples when the server does not allow them). */
export class ForbiddenError extends SightlineError {
  readonly code = "FORBIDDEN";
}

/** Macie's TestCustomDataIdentifier takes up to 1,000 characters of sample text. */
export const SAMPLE_TEXT_LIMIT = 1_000;

export enum AllowListKind {
  LITERAL = "LITERAL",
  REGEX = "REGEX",
}
registerEnumType(AllowListKind, { name: "AllowListKind", description: "Literal entries or one regular expression." });

@ObjectType()
export class SeverityLevel {
  @Field(() => Int, { description: "Minimum occurrences in one object for this severity." })
  occurrencesThreshold!: number;

  @Field(() => Severity)
  severity!: Severity;
}

@InputType()
export class SeverityLevelInput {
  @Field(() => Int)
  occurrencesThreshold!: number;

  @Field(() => Severity)
  severity!: Severity;
}

@ObjectType({ description: "A user-defined identifier: a regex plus keyword rules, reported as CUSTOM_IDENTIFIER." })
export class CustomDataIdentifier {
  @Field(() => ID, { description: "Stable slug of the name; detections of this identifier carry it as their type." })
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String)
  regex!: string;

  @Field(() => [String])
  keywords!: string[];

  @Field(() => [String])
  ignoreWords!: string[];

  @Field(() => Int)
  maximumMatchDistance!: number;

  @Field(() => [SeverityLevel])
  severityLevels!: SeverityLevel[];

  @Field(() => DateTimeISO, { nullable: true })
  createdAt!: Date | null;
}

@InputType()
export class CreateCustomDataIdentifierInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { description: "RE2 syntax, at most 512 characters: no backreferences, no lookaround." })
  regex!: string;

  @Field(() => [String], { nullable: true, description: "Up to 50; one must precede a match within maximumMatchDistance." })
  keywords?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Up to 10; a match containing one is not reported." })
  ignoreWords?: string[] | null;

  @Field(() => Int, { nullable: true, description: "1-300 characters; default 50." })
  maximumMatchDistance?: number | null;

  @Field(() => [SeverityLevelInput], { nullable: true, description: "Up to 3; default MEDIUM from 1 occurrence." })
  severityLevels?: SeverityLevelInput[] | null;
}

@ObjectType()
export class AllowList {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => AllowListKind)
  kind!: AllowListKind;

  @Field(() => [String], { nullable: true, description: "Literal entries (case-insensitive, whole value)." })
  literals!: string[] | null;

  @Field(() => String, { nullable: true, description: "Regex that must match the whole value." })
  regex!: string | null;

  @Field(() => DateTimeISO, { nullable: true })
  createdAt!: Date | null;
}

@InputType({ description: "Exactly one of literals and regex." })
export class CreateAllowListInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [String], { nullable: true })
  literals?: string[] | null;

  @Field(() => String, { nullable: true })
  regex?: string | null;
}

@ObjectType({ description: "Where a sample value starts; only the fields of its location kind are set." })
export class SampleLocation {
  @Field(() => String, { description: "text, cell, record or page." })
  kind!: string;

  @Field(() => Int, { nullable: true })
  line!: number | null;

  @Field(() => Int, { nullable: true })
  column!: number | null;

  @Field(() => Int, { nullable: true })
  row!: number | null;

  @Field(() => String, { nullable: true })
  columnName!: string | null;

  @Field(() => String, { nullable: true })
  sheet!: string | null;

  @Field(() => Int, { nullable: true })
  recordIndex!: number | null;

  @Field(() => String, { nullable: true })
  jsonPath!: string | null;

  @Field(() => Int, { nullable: true })
  pageNumber!: number | null;

  @Field(() => String, { nullable: true, description: "Archive member path." })
  member!: string | null;
}

@ObjectType()
export class Sample {
  @Field(() => String, { description: "The value's first 128 characters; all but the last 4 masked unless in clear." })
  value!: string;

  @Field(() => SampleLocation)
  location!: SampleLocation;
}

@ObjectType()
export class SampleGroup {
  @Field(() => String)
  type!: string;

  @Field(() => [Sample])
  samples!: Sample[];
}

@ObjectType({ description: "What a custom identifier would report in the sample text." })
export class CustomDataIdentifierTest {
  @Field(() => Int)
  matchCount!: number;

  @Field(() => [Sample], { description: "The first 10 matches, in clear: the text is the caller's own." })
  matches!: Sample[];
}

/** Lower-case words of the name joined by "-"; a name with no letter or digit gets a hash of itself. */
export function slugOf(name: string): string {
  const slug = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 96)
    .replace(/-+$/, "");
  return slug.length > 0 ? slug : `id-${createHash("sha256").update(name).digest("hex").slice(0, 16)}`;
}

/** Engine errors name the definition's field; the client sent it under `input`. */
function underInput<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    const problem = error.message.slice(error.field.length + 2);
    throw new InvalidInputError(`input.${error.field}`, problem, error.hint);
  }
}

export function customIdentifierRecord(input: CreateCustomDataIdentifierInput): { record: CustomIdentifierRecord; compiled: CustomIdentifier } {
  const name = typeof input.name === "string" ? input.name.trim() : "";
  const id = slugOf(name);
  const record: CustomIdentifierRecord = {
    id,
    name,
    description: input.description ?? null,
    regex: input.regex,
    keywords: input.keywords ?? [],
    ignoreWords: input.ignoreWords ?? [],
    maximumMatchDistance: input.maximumMatchDistance ?? 50,
    severityLevels: (input.severityLevels ?? [{ occurrencesThreshold: 1, severity: Severity.MEDIUM }]).map((level) => ({
      occurrencesThreshold: level.occurrencesThreshold,
      severity: level.severity,
    })),
  };
  if (record.description !== null && record.description.length > 512) {
    throw new InvalidInputError("input.description", `is ${record.description.length} characters; at most 512`);
  }
  const compiled = underInput(() => compileCustomIdentifier(record));
  return { record, compiled };
}

export function allowListCriteria(input: CreateAllowListInput): AllowListCriteria {
  const hasLiterals = input.literals != null;
  const hasRegex = input.regex != null;
  if (hasLiterals === hasRegex) throw new InvalidInputError("input", "give exactly one of literals and regex");
  const criteria: AllowListCriteria = hasRegex
    ? { kind: "regex", regex: input.regex! }
    : { kind: "literal", entries: input.literals!.map((entry) => entry.trim()).filter((entry) => entry.length > 0) };
  underInput(() => compileAllowList(criteria.kind === "regex" ? criteria : { kind: "literal", entries: input.literals! }));
  if (criteria.kind === "literal" && criteria.entries.length === 0) {
    throw new InvalidInputError("input.literals", "must hold at least one non-blank entry");
  }
  return criteria;
}

function toCustomDataIdentifier(row: CustomIdentifierRow | (CustomIdentifierRecord & { createdAt: string | null })): CustomDataIdentifier {
  return {
    ...row,
    severityLevels: row.severityLevels.map((level) => ({ occurrencesThreshold: level.occurrencesThreshold, severity: level.severity as Severity })),
    createdAt: toDate(row.createdAt),
  };
}

function toAllowList(row: AllowListRow): AllowList {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.criteria.kind === "regex" ? AllowListKind.REGEX : AllowListKind.LITERAL,
    literals: row.criteria.kind === "literal" ? row.criteria.entries : null,
    regex: row.criteria.kind === "regex" ? row.criteria.regex : null,
    createdAt: toDate(row.createdAt),
  };
}

function writerOf(ctx: ApiContext): GraphWriter {
  if (ctx.writer === null) {
    throw new ServiceUnavailableError("neo4j", "this API server was started without write access to the graph");
  }
  return ctx.writer;
}

/** A key that exists only for this test: fingerprints of the caller's own sample text are never kept. */
const TEST_FINGERPRINT_KEY = "sightline-test-custom-data-identifier";

async function* single<T>(item: T): AsyncIterable<T> {
  yield item;
}

function toSampleGroups(groups: RevealedGroup[]): SampleGroup[] {
  return groups.map((group) => ({ type: group.type, samples: group.samples }));
}

@Resolver()
export class CustomDataResolver {
  @Mutation(() => CustomDataIdentifier, { description: "Validates (RE2) and stores a custom data identifier; same name, same id." })
  async createCustomDataIdentifier(
    @Ctx() ctx: ApiContext,
    @Arg("input", () => CreateCustomDataIdentifierInput) input: CreateCustomDataIdentifierInput,
  ): Promise<CustomDataIdentifier> {
    const { record } = customIdentifierRecord(input);
    const createdAt = await writeCustomIdentifier(writerOf(ctx), record);
    return toCustomDataIdentifier({ ...record, createdAt });
  }

  @Query(() => [CustomDataIdentifier])
  async customDataIdentifiers(@Ctx() ctx: ApiContext): Promise<CustomDataIdentifier[]> {
    return (await listCustomIdentifiers(ctx.graph)).map(toCustomDataIdentifier);
  }

  @Mutation(() => ID, { description: "Deletes a custom data identifier; NOT_FOUND for an unknown id. Returns the id." })
  async deleteCustomDataIdentifier(@Ctx() ctx: ApiContext, @Arg("id", () => ID) id: string): Promise<string> {
    if (!(await deleteCustomData(writerOf(ctx), "CustomDataIdentifier", id))) throw new NotFoundError("CustomDataIdentifier", id);
    return id;
  }

  @Query(() => CustomDataIdentifierTest, {
    description: "Runs an unsaved custom identifier over sample text (at most 1,000 characters): what it would report.",
  })
  async testCustomDataIdentifier(
    @Arg("input", () => CreateCustomDataIdentifierInput) input: CreateCustomDataIdentifierInput,
    @Arg("sampleText", () => String) sampleText: string,
  ): Promise<CustomDataIdentifierTest> {
    if (sampleText.length > SAMPLE_TEXT_LIMIT) {
      throw new InvalidInputError("sampleText", `is ${sampleText.length} characters; at most ${SAMPLE_TEXT_LIMIT}`);
    }
    const { compiled } = customIdentifierRecord(input);
    const detector = createDetector({ identifiers: [], validators, customIdentifiers: [compiled], fingerprintKey: TEST_FINGERPRINT_KEY });
    const scan = detector.newScan();
    const segment = { text: sampleText, location: { kind: "text" as const, line: 1, column: 1 }, context: [] };
    scan.push(segment);
    const matchCount = scan.result().find((d) => d.type === compiled.id)?.count ?? 0;
    const groups = await extractSamples(single(segment), {
      detector,
      fingerprintKey: TEST_FINGERPRINT_KEY,
      customIdentifiers: [compiled],
      types: [compiled.id],
      max: REVEAL_LIMITS.maxSamples.max,
      clear: true,
    });
    return { matchCount, matches: groups[0]?.samples ?? [] };
  }

  @Mutation(() => AllowList, { description: "Validates (RE2) and stores an allow list; same name, same id." })
  async createAllowList(
    @Ctx() ctx: ApiContext,
    @Arg("input", () => CreateAllowListInput) input: CreateAllowListInput,
  ): Promise<AllowList> {
    const name = typeof input.name === "string" ? input.name.trim() : "";
    if (name.length === 0 || name.length > 128) throw new InvalidInputError("input.name", "must be 1-128 characters");
    const criteria = allowListCriteria(input);
    const record = { id: slugOf(name), name, description: input.description ?? null, criteria };
    const createdAt = await writeAllowList(writerOf(ctx), record);
    return toAllowList({ ...record, createdAt });
  }

  @Query(() => [AllowList])
  async allowLists(@Ctx() ctx: ApiContext): Promise<AllowList[]> {
    return (await listAllowLists(ctx.graph)).map(toAllowList);
  }

  @Mutation(() => ID, { description: "Deletes an allow list; NOT_FOUND for an unknown id. Returns the id." })
  async deleteAllowList(@Ctx() ctx: ApiContext, @Arg("id", () => ID) id: string): Promise<string> {
    if (!(await deleteCustomData(writerOf(ctx), "AllowList", id))) throw new NotFoundError("AllowList", id);
    return id;
  }

  @Query(() => [SampleGroup], {
    description: "Re-reads a sensitive-data finding's object and returns up to 10 values per type, masked unless clear. Never stored.",
  })
  async revealSamples(
    @Ctx() ctx: ApiContext,
    @Arg("findingId", () => String) findingId: string,
    @Arg("clear", () => Boolean, { defaultValue: false }) clear: boolean,
  ): Promise<SampleGroup[]> {
    if (ctx.samples === null) {
      throw new ServiceUnavailableError("temporal", "sample reveal is not configured on this API server");
    }
    if (clear && !ctx.allowClearSamples) {
      throw new ForbiddenError(
        "clear-text samples are not allowed on this server",
        "Ask for masked samples, or start the API with SIGHTLINE_ALLOW_CLEAR_SAMPLES=1.",
      );
    }
    const object = await findingObject(ctx.graph, findingId);
    if (object === null) throw new NotFoundError("Finding", findingId);
    const groups = await ctx.samples.reveal({
      bucket: object.bucket,
      key: object.key,
      types: object.types,
      max: REVEAL_LIMITS.maxSamples.max,
      clear,
    });
    return toSampleGroups(groups);
  }
}
