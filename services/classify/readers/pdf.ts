/**
 * PDF (unpdf 1.7.0, pdf.js without a worker). Buffered within `maxBufferedBytes`; each page's text is one page
 * segment (split at line ends when longer than `maxSegmentChars`). Scanned pages without a text layer yield nothing:
 * there is no OCR, as in Macie.
 */
import { getDocumentProxy } from "unpdf";
import { UnclassifiableError } from "../limits.js";
import type { Segment } from "../types.js";
import { bufferAll } from "./bytes.js";
import { describe, type ReadContext, type Source } from "./context.js";

export async function* readPdf(source: Source, ctx: ReadContext): AsyncGenerator<Segment[]> {
  const held = await bufferAll(source, ctx, "pdf");
  try {
    let pdf;
    try {
      pdf = await getDocumentProxy(new Uint8Array(held.bytes), { verbosity: 0, isEvalSupported: false });
    } catch (error) {
      throw new UnclassifiableError("CORRUPT_FILE", `${describe(source)}: ${(error as Error).message}`);
    }
    try {
      for (let pageNumber = 1; pageNumber <= pdf.numPages; pageNumber++) {
        ctx.checkpoint();
        const page = await pdf.getPage(pageNumber);
        const content = await page.getTextContent();
        let text = "";
        for (const item of content.items) {
          if ("str" in item) text += item.str + (item.hasEOL ? "\n" : "");
        }
        page.cleanup();
        const batch: Segment[] = [];
        for (const piece of splitAtLines(text, ctx.limits.maxSegmentChars)) {
          if (piece.trim().length === 0) continue;
          const segment: Segment = { text: piece, location: { kind: "page", pageNumber }, context: [] };
          if (source.member !== undefined) segment.member = source.member;
          batch.push(segment);
        }
        if (batch.length > 0) yield batch;
      }
    } finally {
      await pdf.destroy();
    }
  } finally {
    held.release();
  }
}

function splitAtLines(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const newline = rest.lastIndexOf("\n", max - 1);
    const cut = newline >= 0 ? newline + 1 : max;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  pieces.push(rest);
  return pieces;
}
