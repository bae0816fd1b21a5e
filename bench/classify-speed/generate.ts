/**
 * Writes the classify-speed corpus into bench/out/classify-speed/<MB>mb/ (a directory per size, so a small corpus
 * for quick iteration and the full one live side by side): plain text (half), CSV and JSONL (a quarter each),
 * mostly harmless but realistic (timestamps, amounts, UUIDs, order ids, IPs: the digits that tempt detectors) with
 * sparse valid sensitive values (about one per 2 KB). Seeded, so every run writes the same bytes.
 *
 *   BENCH_MB=200 BENCH_SEED=42 npx tsx bench/classify-speed/generate.ts
 */
import { createWriteStream, mkdirSync } from "node:fs";
import { once } from "node:events";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { prng } from "../prng.js";

export const CORPUS_MB = Number(process.env.BENCH_MB ?? "200");
export const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "out", "classify-speed", `${CORPUS_MB}mb`);
export const FILES = { text: "corpus.txt", csv: "corpus.csv", jsonl: "corpus.jsonl" } as const;


const WORDS = (
  "the of and to in is was for on that with as by at from this be are have it not or an which but were all " +
  "their has been one more other new some would about there can when into will after also than two first time " +
  "report quarterly revenue customer order shipment delivery invoice account team project meeting schedule " +
  "update review server deploy release build pipeline cluster region bucket storage policy access request " +
  "response latency error warning retry timeout service database query index migration backup restore " +
  "weather market price growth forecast budget summary analysis result dataset sample model training"
).split(" ");
const NAMES = "Alice Bob Carol David Emma Farid Grace Hiro Ines Jonas Karin Liam Maya Noor Omar Priya".split(" ");
const SURNAMES = "Smith Garcia Müller Rossi Dubois Tanaka Kowalski Silva Novak Jensen Okafor Larsen".split(" ");
const DOMAINS = ["example.com", "mail.test", "corp.example.org", "shop.example.net"];

export function makeCorpusWriter(seed: number) {
  const rand = prng(seed);
  const int = (n: number): number => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const digits = (n: number): string => Array.from({ length: n }, () => int(10)).join("");
  const pad = (n: number, w: number): string => String(n).padStart(w, "0");

  const luhnComplete = (body: string): string => {
    let sum = 0;
    for (let i = 0; i < body.length; i++) {
      let d = Number(body[body.length - 1 - i]);
      if (i % 2 === 0) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    return body + ((10 - (sum % 10)) % 10);
  };
  const ibanDE = (): string => {
    const bban = digits(18);
    const numeric = BigInt(bban + "131400");
    const check = 98n - (numeric % 97n);
    return `DE${String(check).padStart(2, "0")}${bban}`;
  };
  const ssn = (): string => `${pad(1 + int(665), 3)}-${pad(1 + int(98), 2)}-${pad(1 + int(9998), 4)}`;
  const card = (): string => {
    if (int(4) === 0) return luhnComplete("37" + digits(12));
    const prefix = pick(["4", "51", "55"]);
    const n = luhnComplete(prefix + digits(15 - prefix.length));
    return int(2) === 0 ? n.replace(/(\d{4})(?=\d)/g, "$1 ") : n;
  };
  const email = (): string => `${pick(NAMES).toLowerCase()}.${pick(SURNAMES).toLowerCase()}${int(100)}@${pick(DOMAINS)}`;
  const upperAlnum = (n: number): string =>
    Array.from({ length: n }, () => "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[int(32)]).join("");
  const base64ish = (n: number): string =>
    Array.from({ length: n }, () => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[int(64)]).join("");

  /** A sensitive value with the words a person would write around it. */
  const sensitive = (): string => {
    switch (int(10)) {
      case 0:
        return `SSN: ${ssn()}`;
      case 1:
        return `credit card ${card()} exp ${pad(1 + int(12), 2)}/${28 + int(5)}`;
      case 2:
        return `contact ${email()}`;
      case 3:
        return `phone: +1 ${200 + int(799)}-${200 + int(799)}-${pad(int(10000), 4)}`;
      case 4:
        return `IBAN ${ibanDE()}`;
      case 5:
        return `aws_access_key_id = AKIA${upperAlnum(16)} aws_secret_access_key = ${base64ish(40)}`;
      case 6:
        return `date of birth ${1940 + int(65)}-${pad(1 + int(12), 2)}-${pad(1 + int(28), 2)}`;
      case 7:
        return `passport number ${upperAlnum(2).replace(/[0-9]/g, "X")}${digits(7)}`;
      case 8:
        return `${pick(NAMES)} ${pick(SURNAMES)}, 742 Evergreen Terrace, Springfield, IL 62704`;
      default:
        return `location ${(int(180) - 90 + rand()).toFixed(5)}, ${(int(360) - 180 + rand()).toFixed(5)}`;
    }
  };
  /** Harmless tokens that look numeric. */
  const noise = (): string => {
    switch (int(8)) {
      case 0:
        return `2025-${pad(1 + int(12), 2)}-${pad(1 + int(28), 2)}T${pad(int(24), 2)}:${pad(int(60), 2)}:${pad(int(60), 2)}Z`;
      case 1:
        return `$${int(100000).toLocaleString("en-US")}.${pad(int(100), 2)}`;
      case 2:
        return `ORD-${digits(8)}`;
      case 3:
        return `10.${int(256)}.${int(256)}.${int(256)}`;
      case 4:
        return [8, 4, 4, 4, 12].map((n) => Array.from({ length: n }, () => "0123456789abcdef"[int(16)]).join("")).join("-");
      case 5:
        return `v${int(10)}.${int(30)}.${int(100)}`;
      case 6:
        return String(int(1_000_000));
      default:
        return `${int(100)}%`;
    }
  };
  const sentence = (): string => {
    const parts: string[] = [];
    const n = 8 + int(14);
    for (let i = 0; i < n; i++) parts.push(int(9) === 0 ? noise() : pick(WORDS));
    if (int(14) === 0) parts.splice(int(parts.length), 0, sensitive());
    parts[0] = parts[0]!.charAt(0).toUpperCase() + parts[0]!.slice(1);
    return parts.join(" ") + ".";
  };

  return {
    textLine: (): string => Array.from({ length: 1 + int(4) }, sentence).join(" ") + "\n",
    csvHeader: "order_id,created_at,sku,quantity,unit_price,status,customer_email,comment\n",
    csvRow: (): string =>
      [
        `ORD-${digits(8)}`,
        noise(),
        `SKU-${upperAlnum(6)}`,
        String(1 + int(20)),
        `${int(500)}.${pad(int(100), 2)}`,
        pick(["shipped", "pending", "cancelled", "delivered"]),
        int(30) === 0 ? email() : "",
        int(25) === 0 ? sensitive() : Array.from({ length: 3 + int(6) }, () => pick(WORDS)).join(" "),
      ]
        // The corpus CSV never quotes: commas inside values become spaces.
        .map((value) => value.replaceAll(",", " "))
        .join(",") + "\n",
    jsonLine: (): string =>
      JSON.stringify({
        ts: `2025-${pad(1 + int(12), 2)}-${pad(1 + int(28), 2)}T${pad(int(24), 2)}:${pad(int(60), 2)}:00Z`,
        level: pick(["info", "info", "info", "warn", "error"]),
        service: pick(["api", "billing", "auth", "search"]),
        request: { id: noise(), latencyMs: int(2000), path: `/v1/${pick(WORDS)}/${int(10000)}` },
        user: { id: int(1_000_000), country: pick(["US", "DE", "FR", "GB", "BR", "IN"]) },
        ...(int(20) === 0 ? { customer: { ssn: ssn(), email: email() } } : {}),
        msg: sentence(),
      }) + "\n",
  };
}

async function writeFile(path: string, bytes: number, first: string, line: () => string): Promise<void> {
  const out = createWriteStream(path);
  let written = 0;
  let chunk = first;
  while (written < bytes) {
    const next = line();
    chunk += next;
    written += Buffer.byteLength(next);
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
}

export async function generate(totalMb: number, seed: number): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const total = totalMb * 1024 * 1024;
  const corpus = makeCorpusWriter(seed);
  await writeFile(join(OUT_DIR, FILES.text), total / 2, "", corpus.textLine);
  await writeFile(join(OUT_DIR, FILES.csv), total / 4, corpus.csvHeader, corpus.csvRow);
  await writeFile(join(OUT_DIR, FILES.jsonl), total / 4, "", corpus.jsonLine);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const seed = Number(process.env.BENCH_SEED ?? "42");
  await generate(CORPUS_MB, seed);
  console.log(`wrote ${CORPUS_MB} MB (seed ${seed}) to ${OUT_DIR}`);
}
