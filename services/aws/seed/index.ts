/** The demo estate: its description (estate.ts), the applier (seed.ts) and what an audit must find (expected.ts). */
export { seedDemoEstate, type SeedOptions, type SeedSummary } from "./seed.js";
export { ACCOUNT_ID, PARTNER_ACCOUNT_ID, REGION, BUCKETS, IAM_ESTATE, KMS_KEYS, ACCESS_POINTS } from "./estate.js";
export * from "./expected.js";
