#!/usr/bin/env python3
"""Score PDF text extraction on the corpus: ours (`briefing read`) and, in the same run,
poppler's pdftotext, PDFium (pypdfium2), pdf.js (tests/pdfjs) and PyMuPDF.

Per producer x language and per half (tune / held), the mean over documents of:
  words   bag-of-words F1 over the whole document,
  bigrams word-bigram F1 over the whole document,
  verb    share of the truth's paragraphs found verbatim.
Words are maximal runs of letters, marks and digits after NFC, invisible format characters
dropped, case folded. Verbatim: whitespace collapsed, format characters dropped, presentation
forms not folded.

Usage: score.py [--briefing target/release/briefing] [--readers ours,pdftotext,...]
                [--worst N] [--json OUT]
"""

import argparse
import collections
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
READERS = ["ours", "pdftotext", "pdfium", "pdfjs", "pymupdf"]


def is_format(c):
    return unicodedata.category(c) == "Cf"


def words(text):
    text = unicodedata.normalize("NFC", "".join(c for c in text if not is_format(c)))
    out, cur = [], []
    for c in text:
        cat = unicodedata.category(c)
        if cat[0] in "LMN":
            cur.append(c)
        elif cur:
            out.append("".join(cur).casefold())
            cur = []
    if cur:
        out.append("".join(cur).casefold())
    return out


def f1(truth, got):
    t, g = collections.Counter(truth), collections.Counter(got)
    common = sum((t & g).values())
    if common == 0:
        return 0.0
    p, r = common / sum(g.values()), common / sum(t.values())
    return 2 * p * r / (p + r)


def collapse(text):
    return " ".join("".join(c for c in text if not is_format(c)).split())


def score(truth, got):
    tw, gw = words(truth), words(got)
    paragraphs = [collapse(p) for p in truth.splitlines() if p.strip()]
    flat = collapse(got)
    found = sum(1 for p in paragraphs if p in flat)
    return {
        "words": f1(tw, gw),
        "bigrams": f1(list(zip(tw, tw[1:])), list(zip(gw, gw[1:]))),
        "verb": found / len(paragraphs),
    }


def extract(reader, pdf, briefing):
    if reader == "ours":
        r = subprocess.run([briefing, "read", str(pdf)], capture_output=True, text=True)
        if r.returncode != 0:
            return None, r.stderr.strip()
        return r.stdout, r.stderr.strip()
    if reader == "pdftotext":
        return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                              text=True).stdout, ""
    if reader == "pdfium":
        import pypdfium2
        doc = pypdfium2.PdfDocument(str(pdf))
        return "\n".join(page.get_textpage().get_text_range() for page in doc), ""
    if reader == "pdfjs":
        return subprocess.run(["node", str(ROOT / "tests/pdfjs/text.mjs"), str(pdf)],
                              capture_output=True, text=True).stdout, ""
    if reader == "pymupdf":
        import pymupdf
        doc = pymupdf.open(str(pdf))
        return "\n".join(page.get_text() for page in doc), ""
    raise ValueError(reader)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--briefing", default=str(ROOT / "target/release/briefing"))
    parser.add_argument("--readers", default=",".join(READERS))
    parser.add_argument("--worst", type=int, default=10)
    parser.add_argument("--json")
    parser.add_argument("--half", choices=["tune", "held", "all"], default="all")
    args = parser.parse_args()
    readers = args.readers.split(",")
    rows = []
    for pdf in sorted((HERE / "pdf").glob("*/*.pdf")):
        name, producer = pdf.stem, pdf.parent.name
        truth = (HERE / "truth" / f"{name}.txt").read_text(encoding="utf-8")
        half = (HERE / "truth" / f"{name}.half").read_text().strip()
        if args.half != "all" and half != args.half:
            continue
        lang = name.split("-")[0]
        for reader in readers:
            got, note = extract(reader, pdf, args.briefing)
            s = score(truth, got) if got is not None else {"words": 0, "bigrams": 0, "verb": 0}
            rows.append({"doc": f"{producer}/{name}", "producer": producer, "lang": lang,
                         "half": half, "reader": reader, "note": note, **s})
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1))
    report(rows, readers, args.worst)


def mean(xs):
    return sum(xs) / len(xs) if xs else float("nan")


def table(rows, readers, key, title):
    cells = sorted({(r["producer"], r["lang"]) for r in rows})
    print(f"\n{title}: bigram F1 per producer x language (verbatim share in brackets); * = ours at or above the best peer")
    print("| producer | lang | " + " | ".join(readers) + " |")
    print("|---|---|" + "---|" * len(readers))
    below = 0
    for producer, lang in cells:
        vals = {}
        for reader in readers:
            sel = [r for r in rows if r["producer"] == producer and r["lang"] == lang
                   and r["reader"] == reader]
            vals[reader] = (mean([r["bigrams"] for r in sel]), mean([r["verb"] for r in sel]))
        peers = [v[0] for k, v in vals.items() if k != "ours"]
        ok = "ours" in vals and (not peers or vals["ours"][0] >= max(peers) - 1e-9)
        below += 0 if ok else 1
        print(f"| {producer} | {lang} | " + " | ".join(
            f"{vals[r][0]:.3f} ({vals[r][1]:.2f}){'*' if r == 'ours' and ok else ''}" for r in readers) + " |")
    return below


def report(rows, readers, worst):
    for half in ("tune", "held"):
        sel = [r for r in rows if r["half"] == half]
        if not sel:
            continue
        below = table(sel, readers, "bigrams", f"Half '{half}'")
        if "ours" in readers:
            print(f"cells where ours is below the best peer: {below}")
    print("\nOverall per language (both halves): words / bigrams / verbatim")
    print("| lang | " + " | ".join(readers) + " |")
    print("|---|" + "---|" * len(readers))
    for lang in sorted({r["lang"] for r in rows}):
        cells = []
        for reader in readers:
            sel = [r for r in rows if r["lang"] == lang and r["reader"] == reader]
            cells.append(f"{mean([r['words'] for r in sel]):.3f} / {mean([r['bigrams'] for r in sel]):.3f} / {mean([r['verb'] for r in sel]):.2f}")
        print(f"| {lang} | " + " | ".join(cells) + " |")
    ours = sorted((r for r in rows if r["reader"] == "ours"), key=lambda r: r["bigrams"])
    if ours:
        print(f"\nThe {worst} worst documents for ours (bigram F1, verbatim, note):")
        for r in ours[:worst]:
            print(f"  {r['bigrams']:.3f} {r['verb']:.2f} {r['half']:4} {r['doc']} {r['note'][:160]}")


if __name__ == "__main__":
    sys.exit(main())
