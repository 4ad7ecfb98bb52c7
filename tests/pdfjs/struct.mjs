// Print each BlockQuote of a PDF's structure tree as pdf.js gives it to Firefox's
// accessibility tree: one line per quote, its language, a tab, and the text of its own
// marked content (the quote's lines, and its attribution unless that is a paragraph of its
// own in another language), in the
// tree's order. A quote that crosses a page break is one element in two pages' trees: it
// comes out as two lines, its two parts.
//
// Used by tests/pdf_export.rs:  node tests/pdfjs/struct.mjs FILE.pdf
// Exit code 3 when pdfjs-dist is not installed (`npm ci --prefix tests/pdfjs`).
import { doc } from "./open.mjs";
const quotes = [];
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const content = await page.getTextContent({ includeMarkedContent: true });
  const text = {};
  let open = [];
  for (const item of content.items) {
    if (item.type === "beginMarkedContentProps" || item.type === "beginMarkedContent") {
      open.push(item.id ?? null);
    } else if (item.type === "endMarkedContent") {
      open.pop();
    } else if (item.str !== undefined) {
      const id = open.findLast((i) => i !== null);
      if (id) {
        text[id] = (text[id] ?? "") + item.str + (item.hasEOL ? "\n" : "");
      }
    }
  }
  const tree = await page.getStructTree();
  const walk = (node, lang) => {
    if (!node || node.type) {
      return;
    }
    const own = node.lang ?? lang;
    if (node.role === "BlockQuote") {
      const mine = (node.children ?? [])
        .filter((c) => c.type === "content")
        .map((c) => text[c.id] ?? "")
        // An element may have more than one sequence (its attribution's, its lines on
        // another page); where lines end, the text items say so.
        .join("");
      quotes.push({ page: n, lang: own ?? null, text: mine });
    }
    for (const c of node.children ?? []) {
      walk(c, own);
    }
  };
  walk(tree, null);
}
for (const q of quotes) {
  console.log(`${q.lang ?? ""}\t${q.text.replace(/[\t\n]/g, " ")}`);
}
