/**
 * Sample reveal, Macie's "retrieve sensitive data samples": on demand, re-read one object and return the first few
 * values behind each identifier type it reports, masked unless the caller may see them in clear. Nothing is stored.
 *
 * The detector keeps only keyed fingerprints of values, so values are found again here: each segment is scanned on
 * its own with the same detector, candidates are re-found with the reported types' own patterns (or matchers), and a
 * candidate counts only when its fingerprint is one the scan reported for that segment. Keyword, validator, ignore
 * word and allow-list rules therefore hold for samples exactly as for findings, without a second copy of them.
 *
 * The workflow lives in reveal-workflow.ts: this file loads native code (RE2) and the AWS SDK, which must never
 * enter the workflow sandbox.
 */
import { createHmac } from "node:crypto";
import RE2 from "re2";
import type { AwsClients } from "../services/aws/clients.js";
import { openObject } from "../services/aws/index.js";
import { managedIdentifier } from "../services/classify/catalog/index.js";
import { matchers } from "../services/classify/catalog/matchers/index.js";
import { createClassifier } from "../services/classify/default-detector.js";
import type { AllowList } from "../services/classify/detect/allow-list.js";
import type { CustomIdentifier } from "../services/classify/detect/custom-identifier.js";
import type { Detector } from "../services/classify/detect/detector.js";
import type { ManagedIdentifier } from "../services/classify/detect/identifier.js";
import type { ClassifyLimits } from "../services/classify/limits.js";
import { readSegments } from "../services/classify/readers/index.js";
import type { Segment } from "../services/classify/types.js";
import { InvalidInputError } from "../services/errors.js";

/** Macie returns 1-10 occurrences per type, each cut to its first 128 characters. */
export const REVEAL_LIMITS = { maxSamples: { min: 1, max: 10, default: 10 }, valueLength: 128 } as const;

export interface SampleLocation {
  kind: Segment["location"]["kind"];
  /** Text: 1-based line and column where the value starts. Cell: 1-based row and column. */
  line: number | null;
  column: number | null;
  row: number | null;
  columnName: string | null;
  sheet: string | null;
  recordIndex: number | null;
  jsonPath: string | null;
  pageNumber: number | null;
  /** Archive member path, when the value is inside an archive. */
  member: string | null;
}

export interface Sample {
  value: string;
  location: SampleLocation;
}

export interface SampleGroup {
  type: string;
  samples: Sample[];
}

export interface RevealInput {
  bucket: string;
  key: string;
  /** Identifier types to reveal (a finding's); every type found when omitted. */
  types?: string[];
  /** Samples per type, 1-10; default 10. */
  max?: number;
  /** Values in clear instead of masked; the caller decides who may ask. */
  clear?: boolean;
}

/** Hides all but the last 4 characters (fewer for short values, so that at least half stays hidden). */
export function maskValue(value: string): string {
  const chars = Array.from(value);
  const kept = Math.min(4, Math.floor(chars.length / 2));
  return "*".repeat(chars.length - kept) + chars.slice(chars.length - kept).join("");
}

/** Finds candidate [start, end) spans of one identifier type in a text, in order. */
type CandidateFinder = (text: string) => Iterable<readonly [number, number]>;

/** The detector's canonicalisation (detect/detector.ts), which its fingerprints are taken over. */
const NORMALIZERS: Record<NonNullable<ManagedIdentifier["normalize"]>, (raw: string) => string> = {
  digits: (raw) => raw.replace(/\D+/g, ""),
  "alnum-upper": (raw) => raw.replace(/[^\p{L}\p{N}]+/gu, "").toUpperCase(),
  trim: (raw) => raw.trim(),
  none: (raw) => raw,
};

interface TypeRule {
  find: CandidateFinder;
  normalize: (raw: string) => string;
}

function* regexSpans(regex: { lastIndex: number; exec(text: string): RegExpExecArray | null }, text: string) {
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    const end = match.index + match[0].length;
    if (end === match.index) regex.lastIndex = end + 1;
    else yield [match.index, end] as const;
  }
}

function managedRule(row: ManagedIdentifier): TypeRule {
  const matcher = row.matcher === undefined ? undefined : matchers[row.matcher];
  const regex = new RegExp(row.pattern, row.caseInsensitive ? "gi" : "g");
  return {
    find: matcher ? (text) => matcher(text).map((span) => [span.start, span.end] as const) : (text) => regexSpans(regex, text),
    normalize: NORMALIZERS[row.normalize ?? "none"],
  };
}

function customRule(custom: CustomIdentifier): TypeRule {
  const regex = new RE2(custom.source, "g");
  return { find: (text) => regexSpans(regex, text), normalize: NORMALIZERS.none };
}

function sampleLocation(segment: Segment, offset: number): SampleLocation {
  const location: SampleLocation = {
    kind: segment.location.kind,
    line: null,
    column: null,
    row: null,
    columnName: null,
    sheet: null,
    recordIndex: null,
    jsonPath: null,
    pageNumber: null,
    member: segment.member ?? null,
  };
  const at = segment.location;
  if (at.kind === "text") {
    const before = segment.text.slice(0, offset);
    const lastNewline = before.lastIndexOf("\n");
    const newlines = before.split("\n").length - 1;
    location.line = at.line + newlines;
    location.column = lastNewline === -1 ? at.column + offset : offset - lastNewline;
  } else if (at.kind === "cell") {
    location.row = at.row;
    location.column = at.column;
    location.columnName = at.columnName;
    location.sheet = at.sheet ?? null;
  } else if (at.kind === "record") {
    location.recordIndex = at.recordIndex;
    location.jsonPath = at.jsonPath;
  } else {
    location.pageNumber = at.pageNumber;
  }
  return location;
}

export interface SampleExtraction {
  detector: Detector;
  /** The detector's fingerprint key: a candidate is a sample only when its fingerprint is one the detector reported. */
  fingerprintKey: string;
  customIdentifiers?: readonly CustomIdentifier[];
  types?: readonly string[];
  max?: number;
  clear?: boolean;
}

/**
 * The first `max` values of each reported type in reading order, masked unless `clear`. Stops reading as soon as
 * every requested type has its samples. Types are in the order first found.
 */
export async function extractSamples(segments: AsyncIterable<Segment>, options: SampleExtraction): Promise<SampleGroup[]> {
  const max = options.max ?? REVEAL_LIMITS.maxSamples.default;
  const { min, max: upper } = REVEAL_LIMITS.maxSamples;
  if (!Number.isInteger(max) || max < min || max > upper) {
    throw new InvalidInputError("max", `must be an integer from ${min} to ${upper}, got ${max}`);
  }
  const wanted = options.types === undefined ? null : new Set(options.types);
  const customs = new Map((options.customIdentifiers ?? []).map((c) => [c.id, c]));
  const rules = new Map<string, TypeRule | null>();
  const ruleOf = (type: string): TypeRule | null => {
    if (!rules.has(type)) {
      const custom = customs.get(type);
      const managed = custom === undefined ? managedIdentifier(type) : undefined;
      rules.set(type, custom ? customRule(custom) : managed ? managedRule(managed) : null);
    }
    return rules.get(type)!;
  };
  const groups = new Map<string, Sample[]>();
  const full = (type: string) => (groups.get(type)?.length ?? 0) >= max;
  const done = () => wanted !== null && [...wanted].every(full);

  if (!done()) {
    for await (const segment of segments) {
      const scan = options.detector.newScan();
      scan.push(segment);
      for (const detection of scan.result()) {
        const { type } = detection;
        if ((wanted !== null && !wanted.has(type)) || full(type)) continue;
        const rule = ruleOf(type);
        if (rule === null) continue;
        const reported = new Set(detection.occurrences.map((o) => o.fingerprint));
        const samples = groups.get(type) ?? [];
        groups.set(type, samples);
        for (const [start, end] of rule.find(segment.text)) {
          const raw = segment.text.slice(start, end);
          const fingerprint = createHmac("sha256", options.fingerprintKey)
            .update(`${type}:${rule.normalize(raw)}`)
            .digest("hex");
          if (!reported.has(fingerprint)) continue;
          const value = Array.from(raw).slice(0, REVEAL_LIMITS.valueLength).join("");
          samples.push({ value: options.clear ? value : maskValue(value), location: sampleLocation(segment, start) });
          if (samples.length >= max) break;
        }
      }
      if (done()) break;
    }
  }
  return [...groups].filter(([, samples]) => samples.length > 0).map(([type, samples]) => ({ type, samples }));
}

export interface RevealActivityDeps {
  aws: Pick<AwsClients, "s3">;
  fingerprintKey: string;
  limits: ClassifyLimits;
  /** The custom identifiers and allow lists audits use (graph/queries/custom-data.ts loadDetectorConfig). */
  detectorConfig: () => Promise<{ customIdentifiers: CustomIdentifier[]; allowLists: AllowList[] }>;
}

export function createRevealActivities(deps: RevealActivityDeps) {
  return {
    async revealObjectSamples(input: RevealInput): Promise<SampleGroup[]> {
      const config = await deps.detectorConfig();
      const detector = createClassifier(deps.fingerprintKey, config);
      let opened = false;
      const segments = readSegments(
        {
          name: input.key,
          open: () => {
            // One GET per reveal: a reader that needs the bytes twice buffers them itself.
            if (opened) throw new Error("object body already consumed");
            opened = true;
            return openObject(deps.aws, input.bucket, input.key);
          },
        },
        deps.limits,
      );
      return extractSamples(segments, {
        detector,
        fingerprintKey: deps.fingerprintKey,
        customIdentifiers: config.customIdentifiers,
        ...(input.types !== undefined ? { types: input.types } : {}),
        ...(input.max !== undefined ? { max: input.max } : {}),
        clear: input.clear === true,
      });
    },
  };
}
