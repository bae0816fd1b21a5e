/** `sightline seed`: creates the deterministic demo estate in the configured AWS endpoint (moto locally). */
import { createAwsClients } from "../services/aws/clients.js";
import { seedDemoEstate } from "../services/aws/seed/index.js";
import { InvalidInputError } from "../services/errors.js";
import type { SightlineConfig } from "./config.js";

export async function runSeed(config: SightlineConfig): Promise<void> {
  if (config.aws.endpointUrl === undefined && process.env.SIGHTLINE_SEED_REAL_AWS !== "1") {
    // The seed creates buckets and IAM users: refuse to do that to a real account unless asked twice.
    throw new InvalidInputError(
      "AWS_ENDPOINT_URL",
      "is unset, so the seed would write to real AWS",
      "Point AWS_ENDPOINT_URL at moto (`sightline stack env`), or set SIGHTLINE_SEED_REAL_AWS=1 if you really mean it.",
    );
  }
  const aws = createAwsClients({ region: config.aws.region, endpointUrl: config.aws.endpointUrl });
  const summary = await seedDemoEstate(aws, { log: (line: string) => console.log(line) });
  console.log(`demo estate ready: ${JSON.stringify(summary)}`);
}
