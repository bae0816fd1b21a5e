/**
 * The detector Sightline uses by default: the whole managed catalog with its validators, plus whatever custom
 * identifiers and allow lists the caller supplies. One place, so that audits and `sightline classify` agree.
 */
import { managedIdentifiers } from "./catalog/index.js";
import type { AllowList } from "./detect/allow-list.js";
import type { CustomIdentifier } from "./detect/custom-identifier.js";
import { createDetector, type Detector } from "./detect/detector.js";
import { validators } from "./validators/index.js";

export function createClassifier(
  fingerprintKey: string,
  extra: { customIdentifiers?: CustomIdentifier[]; allowLists?: AllowList[] } = {},
): Detector {
  return createDetector({
    identifiers: managedIdentifiers,
    validators,
    fingerprintKey,
    customIdentifiers: extra.customIdentifiers,
    allowLists: extra.allowLists,
  });
}
