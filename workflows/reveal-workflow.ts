/**
 * The sample-reveal workflow: one short activity that re-reads an object on a worker (resolvers never call AWS).
 * Deterministic: it only calls the activity; samples pass through Temporal's history once and are never stored in
 * the graph.
 */
import { proxyActivities } from "@temporalio/workflow";
import type { createRevealActivities, RevealInput, SampleGroup } from "./reveal.js";

type RevealActivities = ReturnType<typeof createRevealActivities>;

const { revealObjectSamples } = proxyActivities<RevealActivities>({
  startToCloseTimeout: "2 minutes",
  // A missing object or a denied read will not heal by retrying many times; a transient failure heals quickly.
  retry: { initialInterval: "1s", maximumInterval: "10s", maximumAttempts: 3, nonRetryableErrorTypes: ["InvalidInputError"] },
});

export async function revealSamplesWorkflow(input: RevealInput): Promise<SampleGroup[]> {
  return revealObjectSamples(input);
}
