/**
 * Renders an object's content description (estate.ts) to bytes. Deterministic: the PRNG is seeded by the object's
 * bucket and key, archives carry fixed timestamps, so a re-run produces identical bytes and identical ETags.
 */
import { gzipSync, strToU8, zipSync } from "fflate";
import { Prng } from "./prng.js";
import { formatCardNumber, syntheticAwsKeyPair, syntheticCardNumber, syntheticPerson } from "./synthetic.js";

/** Tabular datasets. The sensitive ones say so in their name; the clean ones carry no identifiers at all. */
export type Dataset =
  | "employees" // names, work emails, phones, SSNs (column "ssn"), salaries
  | "payroll" // employee ids, SSNs (column "ssn"), net pay
  | "customers" // names, personal emails, phones
  | "customers-with-ssn" // names, emails, phones, SSNs (column "ssn")
  | "applicants" // names, emails, phones
  | "media-contacts" // journalists' names, emails, phones
  | "signups" // emails only
  | "payments" // cardholder names, card numbers (column "card_number")
  | "events" // clean: page-view events
  | "metrics" // clean: daily service metrics
  | "orders" // clean: order lines without customer identifiers
  | "invoices" // clean: supplier invoices
  | "products"; // clean: catalogue

export type LogDataset = "api" | "worker" | "s3-access";
export type LogLeak = "aws-credentials" | "user-emails";

export type ContentSpec =
  | { kind: "text"; text: string }
  | { kind: "table"; format: "csv" | "jsonl" | "json"; dataset: Dataset; rows: number }
  | { kind: "log"; dataset: LogDataset; date: string; lines: number; leak?: LogLeak }
  | { kind: "cloudtrail"; date: string; records: number }
  | { kind: "reviews"; records: number; leak?: "contact-details" }
  | { kind: "runbook-with-credentials" }
  | { kind: "env-file-with-credentials" }
  | { kind: "gzip"; inner: ContentSpec }
  | { kind: "zip"; entries: readonly { name: string; content: ContentSpec }[] };

/** Fixed archive timestamp: the estate must not change with the clock. */
const ARCHIVE_MTIME = new Date("2024-06-01T00:00:00Z");

type Row = Record<string, string | number>;

const DEPARTMENTS = ["Engineering", "Sales", "Marketing", "Finance", "People", "Support", "Data Science"] as const;
const PAGES = ["/", "/pricing", "/docs", "/blog", "/signup", "/login", "/dashboard", "/reports", "/settings"] as const;
const COUNTRIES = ["US", "CA", "GB", "DE", "FR", "BR", "IN", "JP", "AU", "MX"] as const;
const SERVICES = ["ingest", "query", "export", "auth", "billing"] as const;
const PRODUCTS = ["Starter", "Team", "Business", "Enterprise", "Add-on: Connectors", "Add-on: Alerts"] as const;
const SUPPLIERS = ["Northwind Hosting", "Globex Cloud", "Initech Print", "Umbrella Facilities", "Hooli Ads"] as const;

function isoDay(rng: Prng, year = 2024): string {
  return `${year}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;
}

function row(dataset: Dataset, rng: Prng, index: number): Row {
  switch (dataset) {
    case "employees": {
      const p = syntheticPerson(rng, "acme-analytics.com");
      return {
        employee_id: `E${String(1000 + index)}`,
        first_name: p.firstName,
        last_name: p.lastName,
        email: p.email,
        phone: p.phone,
        ssn: p.ssn,
        date_of_birth: p.dateOfBirth,
        department: rng.pick(DEPARTMENTS),
        salary_usd: rng.int(60, 240) * 1000,
      };
    }
    case "payroll": {
      const p = syntheticPerson(rng, "acme-analytics.com");
      return {
        employee_id: `E${String(1000 + index)}`,
        employee_name: `${p.firstName} ${p.lastName}`,
        ssn: p.ssn,
        pay_period: "2024-03",
        gross_pay: (rng.int(400000, 2000000) / 100).toFixed(2),
        net_pay: (rng.int(300000, 1500000) / 100).toFixed(2),
      };
    }
    case "customers": {
      const p = syntheticPerson(rng);
      return {
        customer_id: `C-${rng.hex(8).toUpperCase()}`,
        name: `${p.firstName} ${p.lastName}`,
        email: p.email,
        phone: p.phone,
        city: p.city,
        state: p.state,
        plan: rng.pick(PRODUCTS),
      };
    }
    case "customers-with-ssn": {
      const p = syntheticPerson(rng);
      return {
        customer_id: `C-${rng.hex(8).toUpperCase()}`,
        name: `${p.firstName} ${p.lastName}`,
        email: p.email,
        phone: p.phone,
        ssn: p.ssn,
        address: `${p.street}, ${p.city}, ${p.state}`,
      };
    }
    case "applicants": {
      const p = syntheticPerson(rng);
      return {
        applicant: `${p.firstName} ${p.lastName}`,
        email: p.email,
        phone: p.phone,
        position: rng.pick(["Data Engineer", "Account Executive", "Support Specialist", "Product Designer"]),
        applied_on: isoDay(rng),
      };
    }
    case "media-contacts": {
      const p = syntheticPerson(rng);
      return {
        name: `${p.firstName} ${p.lastName}`,
        outlet: rng.pick(["TechDaily", "Data Weekly", "The Cloud Report", "Analytics Today"]),
        email: p.email,
        phone: p.phone,
      };
    }
    case "signups": {
      const p = syntheticPerson(rng);
      return { signup_id: `S-${rng.hex(10)}`, email: p.email, plan: rng.pick(PRODUCTS), country: rng.pick(COUNTRIES) };
    }
    case "payments": {
      const p = syntheticPerson(rng);
      return {
        payment_id: `P-${rng.hex(10).toUpperCase()}`,
        cardholder_name: `${p.firstName} ${p.lastName}`,
        card_number: formatCardNumber(rng, syntheticCardNumber(rng)),
        expiry: `${String(rng.int(1, 12)).padStart(2, "0")}/${rng.int(26, 31)}`,
        amount_usd: (rng.int(900, 250000) / 100).toFixed(2),
        paid_on: isoDay(rng),
      };
    }
    case "events":
      return {
        event_id: rng.hex(24),
        event_type: rng.pick(["page_view", "click", "session_start", "session_end", "report_run"]),
        page: rng.pick(PAGES),
        country: rng.pick(COUNTRIES),
        duration_ms: rng.int(5, 9000),
        session: rng.hex(12),
      };
    case "metrics":
      return {
        service: rng.pick(SERVICES),
        requests: rng.int(1000, 90000),
        errors: rng.int(0, 120),
        p50_ms: rng.int(8, 60),
        p99_ms: rng.int(80, 900),
        cpu_pct: (rng.int(50, 9500) / 100).toFixed(2),
      };
    case "orders":
      return {
        order_id: `ORD-${rng.hex(8).toUpperCase()}`,
        product: rng.pick(PRODUCTS),
        seats: rng.int(1, 250),
        amount_usd: (rng.int(2900, 990000) / 100).toFixed(2),
        ordered_on: isoDay(rng, rng.int(2013, 2024)),
        region: rng.pick(COUNTRIES),
      };
    case "invoices":
      return {
        invoice_id: `INV-${rng.hex(6).toUpperCase()}`,
        supplier: rng.pick(SUPPLIERS),
        amount_usd: (rng.int(10000, 5000000) / 100).toFixed(2),
        currency: "USD",
        due_on: isoDay(rng),
        status: rng.pick(["paid", "open", "overdue"]),
      };
    case "products":
      return { sku: `SKU-${rng.hex(6).toUpperCase()}`, name: rng.pick(PRODUCTS), monthly_price_usd: rng.int(9, 999) };
  }
}

function csvCell(value: string | number): string {
  const s = String(value);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function renderTable(spec: Extract<ContentSpec, { kind: "table" }>, rng: Prng): string {
  const rows = Array.from({ length: spec.rows }, (_, i) => row(spec.dataset, rng, i));
  if (spec.format === "json") return `${JSON.stringify(rows, null, 2)}\n`;
  if (spec.format === "jsonl") return rows.map((r) => JSON.stringify(r)).join("\n") + "\n";
  const header = Object.keys(rows[0] ?? row(spec.dataset, rng, 0));
  return [header.join(","), ...rows.map((r) => header.map((h) => csvCell(r[h] ?? "")).join(","))].join("\n") + "\n";
}

function clock(rng: Prng): string {
  return `${String(rng.int(0, 23)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** S3 server access logs write times as 01/Mar/2024. */
function accessLogDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  return `${day}/${MONTHS[Number(month) - 1]}/${year}`;
}

function renderLog(spec: Extract<ContentSpec, { kind: "log" }>, rng: Prng): string {
  const lines: string[] = [];
  for (let i = 0; i < spec.lines; i++) {
    const at = `${spec.date}T${clock(rng)}.${rng.digits(3)}Z`;
    if (spec.dataset === "s3-access") {
      lines.push(
        `${rng.hex(64)} acme-app-logs [${accessLogDate(spec.date)}:${clock(rng)} +0000] 10.0.${rng.int(0, 255)}.${rng.int(1, 254)} ` +
          `arn:aws:sts::123456789012:assumed-role/acme-etl-lambda/etl ${rng.hex(16).toUpperCase()} REST.GET.OBJECT ` +
          `api/part-${rng.int(1, 99)}.log "GET /acme-app-logs/api HTTP/1.1" 200 - ${rng.int(100, 90000)} - ${rng.int(1, 90)} - "-" "aws-sdk-js/3"`,
      );
    } else {
      const service = spec.dataset;
      lines.push(
        `${at} INFO ${service} request_id=${rng.hex(16)} user_id=u_${rng.hex(8)} route=${rng.pick(PAGES)} status=${rng.pick([200, 200, 200, 201, 204, 404, 500])} latency_ms=${rng.int(2, 900)}`,
      );
    }
  }
  if (spec.leak === "aws-credentials") {
    const key = syntheticAwsKeyPair(rng);
    const at = Math.floor(lines.length / 2);
    lines.splice(
      at,
      0,
      `${spec.date}T09:14:03.221Z DEBUG ${spec.dataset} loaded config aws_access_key_id=${key.accessKeyId} aws_secret_access_key=${key.secretAccessKey}`,
    );
  }
  if (spec.leak === "user-emails") {
    for (let i = 0; i < 5; i++) {
      const p = syntheticPerson(rng);
      lines.splice(
        i * 7 + 3,
        0,
        `${spec.date}T1${i}:02:44.918Z DEBUG ${spec.dataset} password reset requested for email=${p.email}`,
      );
    }
  }
  return lines.join("\n") + "\n";
}

function renderCloudTrail(spec: Extract<ContentSpec, { kind: "cloudtrail" }>, rng: Prng): string {
  const records = Array.from({ length: spec.records }, () => ({
    eventVersion: "1.09",
    userIdentity: {
      type: "AssumedRole",
      arn: `arn:aws:sts::123456789012:assumed-role/${rng.pick(["acme-etl-lambda", "acme-hr-analytics", "acme-analytics-gateway"])}/session`,
      accountId: "123456789012",
    },
    eventTime: `${spec.date}T${clock(rng)}Z`,
    eventSource: "s3.amazonaws.com",
    eventName: rng.pick(["GetObject", "PutObject", "ListObjectsV2", "HeadObject"]),
    awsRegion: "us-east-1",
    sourceIPAddress: `10.0.${rng.int(0, 255)}.${rng.int(1, 254)}`,
    requestParameters: { bucketName: rng.pick(["acme-data-lake", "acme-hr", "acme-ml-training"]) },
    eventID: `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`,
    readOnly: true,
    eventType: "AwsApiCall",
  }));
  return JSON.stringify({ Records: records });
}

const REVIEW_OPENINGS = [
  "The dashboard",
  "Report scheduling",
  "The CSV export",
  "Alerting",
  "The query editor",
  "Onboarding",
] as const;
const REVIEW_VERDICTS = [
  "works well for our team",
  "is slower than we hoped",
  "saved us hours every week",
  "needs better docs",
  "is intuitive",
] as const;

function renderReviews(spec: Extract<ContentSpec, { kind: "reviews" }>, rng: Prng): string {
  const lines: string[] = [];
  for (let i = 0; i < spec.records; i++) {
    const rating = rng.int(1, 5);
    lines.push(
      JSON.stringify({ id: rng.hex(12), text: `${rng.pick(REVIEW_OPENINGS)} ${rng.pick(REVIEW_VERDICTS)}.`, rating }),
    );
  }
  if (spec.leak === "contact-details") {
    for (let i = 0; i < 3; i++) {
      const p = syntheticPerson(rng);
      lines.splice(
        i * 11 + 2,
        0,
        JSON.stringify({
          id: rng.hex(12),
          text: `Please call me back at ${p.phone} or write to ${p.email}, the export keeps failing.`,
          rating: 2,
        }),
      );
    }
  }
  return lines.join("\n") + "\n";
}

function renderRunbook(rng: Prng): string {
  const key = syntheticAwsKeyPair(rng);
  return [
    "Runbook: database failover (prod-analytics)",
    "",
    "1. Page the on-call data engineer.",
    "2. Promote the replica in the console or with the CLI.",
    "3. If the CLI profile is missing, use the break-glass key below (rotate afterwards!):",
    `   aws_access_key_id = ${key.accessKeyId}`,
    `   aws_secret_access_key = ${key.secretAccessKey}`,
    "4. Update the connection string in the parameter store.",
    "",
  ].join("\n");
}

function renderEnvFile(rng: Prng): string {
  const key = syntheticAwsKeyPair(rng);
  return [
    "NODE_ENV=production",
    "LOG_LEVEL=info",
    `AWS_ACCESS_KEY_ID=${key.accessKeyId}`,
    `AWS_SECRET_ACCESS_KEY=${key.secretAccessKey}`,
    "REPORTS_BUCKET=acme-data-lake",
    "",
  ].join("\n");
}

export function renderContent(spec: ContentSpec, seed: string): Uint8Array {
  const rng = new Prng(seed);
  switch (spec.kind) {
    case "text":
      return strToU8(spec.text);
    case "table":
      return strToU8(renderTable(spec, rng));
    case "log":
      return strToU8(renderLog(spec, rng));
    case "cloudtrail":
      return strToU8(renderCloudTrail(spec, rng));
    case "reviews":
      return strToU8(renderReviews(spec, rng));
    case "runbook-with-credentials":
      return strToU8(renderRunbook(rng));
    case "env-file-with-credentials":
      return strToU8(renderEnvFile(rng));
    case "gzip":
      return gzipSync(renderContent(spec.inner, `${seed}#gz`), { level: 6, mtime: ARCHIVE_MTIME });
    case "zip": {
      const files: Record<string, [Uint8Array, { mtime: Date; level: 6 }]> = {};
      for (const entry of spec.entries) {
        files[entry.name] = [renderContent(entry.content, `${seed}#${entry.name}`), { mtime: ARCHIVE_MTIME, level: 6 }];
      }
      return zipSync(files);
    }
  }
}
