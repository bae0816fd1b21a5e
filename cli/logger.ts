/** Structured logs (pino) to stderr, so that stdout stays clean for command output such as `classify --json`. */
import { pino, type Logger } from "pino";

export function createLogger(level: string, name: string): Logger {
  return pino({ name, level, base: { service: name } }, pino.destination(2));
}
