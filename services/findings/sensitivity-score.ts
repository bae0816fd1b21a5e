/**
 * A bucket's sensitivity score, on Macie's scale of -1 to 100 (Macie reserves 100 for a user's manual override):
 *
 *   -1      the bucket could not be analysed (its metadata or objects were denied to Sightline);
 *    1..49  analysed and nothing sensitive found: 50 minus the analysed share of classifiable objects, so 1 means every
 *           classifiable object was read and 49 that only a sliver was; an empty bucket (nothing to read) scores 1;
 *   50      nothing analysed yet, or nothing that could be analysed (every object unclassifiable): no evidence;
 *   51..99  sensitive data found: rises with the severity-weighted count of distinct sensitive values,
 *           50 + ceil(49 * (1 - e^(-weighted / SATURATION))), reaching 99 asymptotically.
 *
 * Weights make one HIGH value (a credential, a card number) count as much as 20 LOW ones: one distinct HIGH value
 * scores 59, ten score 93.
 */
import type { Severity } from "../classify/types.js";

export const SEVERITY_WEIGHT: Readonly<Record<Severity, number>> = { LOW: 1, MEDIUM: 5, HIGH: 20 };
/** Weighted count at which the score has covered 63% (1 - 1/e) of the 51..99 range. */
export const SATURATION = 100;

export interface SensitivityInputs {
  /** True when the bucket could not be analysed at all (e.g. errorCode ACCESS_DENIED). */
  analysisFailed: boolean;
  objectCount: number;
  /** Objects Sightline can read (not marked unclassifiable). */
  classifiableObjectCount: number;
  /** Classifiable objects classified at their current etag. */
  classifiedObjectCount: number;
  /** Distinct sensitive values (fingerprints) found in the bucket, by the severity of the detection that found them. */
  distinctValuesBySeverity: Readonly<Record<Severity, number>>;
}

export function sensitivityScore(inputs: SensitivityInputs): number {
  if (inputs.analysisFailed) return -1;
  const weighted =
    inputs.distinctValuesBySeverity.LOW * SEVERITY_WEIGHT.LOW +
    inputs.distinctValuesBySeverity.MEDIUM * SEVERITY_WEIGHT.MEDIUM +
    inputs.distinctValuesBySeverity.HIGH * SEVERITY_WEIGHT.HIGH;
  if (weighted > 0) return 50 + Math.ceil(49 * (1 - Math.exp(-weighted / SATURATION)));
  if (inputs.objectCount === 0) return 1;
  if (inputs.classifiedObjectCount === 0 || inputs.classifiableObjectCount === 0) return 50;
  const coverage = Math.min(1, inputs.classifiedObjectCount / inputs.classifiableObjectCount);
  return 50 - Math.ceil(49 * coverage);
}
