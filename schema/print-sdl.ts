/** Prints the schema's SDL: `npx tsx schema/print-sdl.ts > schema/schema.graphql` (or `--write` to update the file). */
import "reflect-metadata";
import { writeFile } from "node:fs/promises";
import { printSchema } from "graphql";
import { buildSightlineSchema } from "./build-schema.js";

export const SDL_PATH = new URL("./schema.graphql", import.meta.url);

export async function printSightlineSdl(): Promise<string> {
  return `${printSchema(await buildSightlineSchema())}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sdl = await printSightlineSdl();
  if (process.argv.includes("--write")) await writeFile(SDL_PATH, sdl);
  else process.stdout.write(sdl);
}
