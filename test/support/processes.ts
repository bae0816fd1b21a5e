/**
 * Runs Sightline's own processes (worker, api) as real child processes for end-to-end tests, so that a test can
 * kill one mid-run exactly as an operator or a crash would.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const cli = `${repoRoot}bin/sightline.js`;

export interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

export function startSightline(args: string[], env: Record<string, string | undefined> = {}): RunningProcess {
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: repoRoot,
    env: { ...process.env, SIGHTLINE_LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  return {
    child,
    output: () => out,
    stop: async (signal: NodeJS.Signals = "SIGTERM") => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill(signal);
      await exited;
    },
  };
}

/** Resolves when `predicate(output)` holds, or rejects with the output so far after `timeoutMs`. */
export async function waitForOutput(p: RunningProcess, predicate: (out: string) => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate(p.output())) {
    if (p.child.exitCode !== null) throw new Error(`process exited early (${p.child.exitCode}):\n${p.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for process output:\n${p.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 300_000, everyMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
