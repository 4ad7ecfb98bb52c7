// The PDF named on the command line, opened with pdfjs-dist as Firefox opens it; the process
// exits with code 3 when pdfjs-dist is not installed (`npm ci --prefix tests/pdfjs`).
import { readFile } from "node:fs/promises";

let pdfjs;
try {
  pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
} catch {
  process.exit(3);
}

const data = new Uint8Array(await readFile(process.argv[2]));
export const doc = await pdfjs.getDocument({ data, verbosity: 0, useSystemFonts: false })
  .promise;
