// Print the text pdf.js extracts from each page of a PDF, pages separated by form feeds, the
// way Firefox's text layer copies it: the page's text items in content-stream order, a line
// break after an item that ends a line.
//
// Used by tests/pdf_export.rs:  node tests/pdfjs/text.mjs FILE.pdf
// Exit code 3 when pdfjs-dist is not installed (`npm ci --prefix tests/pdfjs`).
import { doc } from "./open.mjs";
const pages = [];
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const content = await page.getTextContent();
  let text = "";
  for (const item of content.items) {
    text += item.str;
    if (item.hasEOL) {
      text += "\n";
    }
  }
  pages.push(text);
}
process.stdout.write(pages.join("\f"));
