#!/usr/bin/env python3
"""Build the PDF import corpus: each text in texts/ through every producer into pdf/.

Producers no one here controls, each installed from Debian's packages or PyPI by
`build.py --install`: LibreOffice Writer from .docx (python-docx) and from .html, Chromium's
print to PDF, Typst (PyPI) and XeLaTeX (polyglossia). The truth for scoring is truth/NAME.txt:
the text's title, headings, paragraphs and list items, one per line, without running heads
or page numbers. Usage: build.py [--install] [--only PRODUCER] [--text NAME] [--fixtures]
"""

import argparse
import html
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "texts"
OUT = HERE / "pdf"
TRUTH = HERE / "truth"

PRODUCERS = ["lo-docx", "lo-html", "chromium", "typst", "xelatex"]

# A fixed date for every producer that stamps one, so a rebuild changes only what changed.
os.environ.setdefault("SOURCE_DATE_EPOCH", "1764547200")

FONTS = {
    "ar": ("Noto Naskh Arabic", "Noto Serif"),
    "fa": ("Noto Naskh Arabic", "Noto Serif"),
    "ur": ("Noto Nastaliq Urdu", "Noto Serif"),
    "he": ("Noto Serif Hebrew", "Noto Serif"),
    "en": ("Noto Serif", "Noto Serif"),
}
RTL = {"ar", "fa", "ur", "he"}
PAGE = {"ar": "صفحة", "fa": "صفحه", "ur": "صفحہ", "he": "עמוד", "en": "Page"}


class Text:
    """One text of the corpus: its settings and its blocks as (kind, text)."""

    def __init__(self, path):
        self.name = path.stem
        self.meta = {}
        self.blocks = []
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line:
                continue
            if not self.blocks and ":" in line and not line.startswith("#") and line.split(":")[0] in (
                "lang", "columns", "head", "half"):
                key, value = line.split(":", 1)
                self.meta[key] = value.strip()
            elif line.startswith("## "):
                self.blocks.append(("h2", line[3:]))
            elif line.startswith("# "):
                self.blocks.append(("h1", line[2:]))
            elif line.startswith("- "):
                self.blocks.append(("li", line[2:]))
            else:
                self.blocks.append(("p", line))
        self.lang = self.meta["lang"]
        self.columns = int(self.meta.get("columns", "1"))
        self.head = self.meta.get("head", "")
        self.rtl = self.lang in RTL
        self.font, self.latin = FONTS[self.lang]


def write_truth(text):
    TRUTH.mkdir(exist_ok=True)
    body = "\n".join(b for _, b in text.blocks) + "\n"
    (TRUTH / f"{text.name}.txt").write_text(body, encoding="utf-8")
    (TRUTH / f"{text.name}.half").write_text(text.meta.get("half", "tune") + "\n")


# --- HTML (Chromium, LibreOffice) -------------------------------------------------------

def html_page(text, margin_boxes):
    direction = "rtl" if text.rtl else "ltr"
    align = "right" if text.rtl else "left"
    boxes = ""
    if margin_boxes:
        boxes = f"""
  @top-center {{ content: "{text.head}"; font-family: '{text.font}'; font-size: 9pt; }}
  @bottom-center {{ content: "{PAGE[text.lang]} " counter(page); font-family: '{text.font}'; font-size: 9pt; }}"""
    paper = "A4" if text.columns > 1 else "A5"
    columns = f"column-count: {text.columns}; column-gap: 1.2cm;" if text.columns > 1 else ""
    body = []
    items = []
    for kind, b in text.blocks:
        if kind != "li" and items:
            body.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if kind == "h1":
            body.append(f"<h1>{html.escape(b)}</h1>")
        elif kind == "h2":
            body.append(f"<h2>{html.escape(b)}</h2>")
        elif kind == "li":
            items.append(f"<li>{html.escape(b)}</li>")
        else:
            body.append(f"<p>{html.escape(b)}</p>")
    if items:
        body.append("<ul>" + "".join(items) + "</ul>")
    title, rest = body[0], "\n".join(body[1:])
    return f"""<!DOCTYPE html>
<html lang="{text.lang}" dir="{direction}">
<head><meta charset="utf-8"><title>{html.escape(text.blocks[0][1])}</title>
<style>
@page {{ size: {paper}; margin: 2.2cm 2cm;{boxes} }}
body {{ font-family: '{text.font}', '{text.latin}'; font-size: 12pt; line-height: 1.5; text-align: justify; }}
h1 {{ font-size: 18pt; text-align: {align}; }}
h2 {{ font-size: 14pt; text-align: {align}; }}
.cols {{ {columns} }}
</style></head>
<body>
{title}
<div class="cols">
{rest}
</div>
</body></html>
"""


def chromium(text, out, work):
    src = work / f"{text.name}.html"
    src.write_text(html_page(text, margin_boxes=True), encoding="utf-8")
    run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={work / 'chromium-profile'}",
         "--no-pdf-header-footer", f"--print-to-pdf={out}", src.as_uri()])


def lo_convert(src, out, work):
    run(["soffice", f"-env:UserInstallation={(work / 'lo-profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(work), str(src)])
    shutil.move(work / (src.stem + ".pdf"), out)


def lo_html(text, out, work):
    src = work / f"{text.name}.html"
    src.write_text(html_page(text, margin_boxes=False), encoding="utf-8")
    lo_convert(src, out, work)


# --- Word (LibreOffice from .docx) ---------------------------------------------------------

def lo_docx(text, out, work):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = docx.Document()
    section = doc.sections[0]
    from docx.shared import Cm
    section.page_width, section.page_height = (Cm(21), Cm(29.7)) if text.columns > 1 else (Cm(14.8), Cm(21))
    section.left_margin = section.right_margin = Cm(2)
    if text.rtl:
        section._sectPr.append(OxmlElement("w:bidi"))
    if text.columns > 1:
        cols = section._sectPr.find(qn("w:cols"))
        if cols is None:
            cols = OxmlElement("w:cols")
            section._sectPr.append(cols)
        cols.set(qn("w:num"), str(text.columns))
        cols.set(qn("w:space"), "680")

    def style_run(run, size, bold=False):
        run.font.size = Pt(size)
        run.font.bold = bold
        rpr = run._element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        fonts.set(qn("w:ascii"), text.latin)
        fonts.set(qn("w:hAnsi"), text.latin)
        fonts.set(qn("w:cs"), text.font)
        if text.rtl:
            rpr.append(OxmlElement("w:rtl"))
        szcs = OxmlElement("w:szCs")
        szcs.set(qn("w:val"), str(size * 2))
        rpr.append(szcs)
        if bold:
            rpr.append(OxmlElement("w:bCs"))
        lang = OxmlElement("w:lang")
        lang.set(qn("w:bidi" if text.rtl else "w:val"), text.lang)
        rpr.append(lang)

    def paragraph(container, body, size, bold=False, align=None, style=None):
        p = container.add_paragraph(style=style)
        if text.rtl:
            p._p.get_or_add_pPr().append(OxmlElement("w:bidi"))
        if align is not None:
            p.alignment = align
        style_run(p.add_run(body), size, bold)
        return p

    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    for kind, body in text.blocks:
        if kind == "h1":
            paragraph(doc, body, 18, bold=True)
        elif kind == "h2":
            paragraph(doc, body, 14, bold=True)
        elif kind == "li":
            paragraph(doc, body, 12, align=justify, style="List Bullet")
        else:
            paragraph(doc, body, 12, align=justify)

    header = section.header.paragraphs[0]
    if text.rtl:
        header._p.get_or_add_pPr().append(OxmlElement("w:bidi"))
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    style_run(header.add_run(text.head), 9)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    style_run(footer.add_run(PAGE[text.lang] + " "), 9)
    field = footer.add_run()
    for tag, value in (("w:fldChar", "begin"), ("w:instrText", "PAGE"), ("w:fldChar", "end")):
        el = OxmlElement(tag)
        if tag == "w:fldChar":
            el.set(qn("w:fldCharType"), value)
        else:
            el.text = value
        field._element.append(el)
    style_run(field, 9)
    src = work / f"{text.name}.docx"
    doc.save(src)
    lo_convert(src, out, work)


# --- Typst ---------------------------------------------------------------------------------

def typst_escape(s):
    out = []
    for c in s:
        if c in "\\#*_`$<>@[]=-+/\"'~":
            out.append("\\" + c)
        else:
            out.append(c)
    return "".join(out)


def typst(text, out, work):
    import typst as typst_py

    direction = "rtl" if text.rtl else "ltr"
    lines = [
        f'#set page(paper: "{"a4" if text.columns > 1 else "a5"}", margin: (x: 2cm, y: 2.4cm), columns: {text.columns},',
        f'  header: align(center, text(size: 9pt)[{typst_escape(text.head)}]),',
        f'  footer: context align(center, text(size: 9pt)[{typst_escape(PAGE[text.lang])} #counter(page).display()]))',
        f'#set text(font: ("{text.font}", "{text.latin}"), size: 12pt, lang: "{text.lang}", dir: {direction})',
        '#set par(justify: true)',
    ]
    first = True
    for kind, body in text.blocks:
        if kind == "h1":
            title = f'#text(size: 18pt, weight: "bold")[{typst_escape(body)}]'
            if text.columns > 1 and first:
                lines.append(f"#place(top, scope: \"parent\", float: true)[{title}]")
            else:
                lines.append(title)
        elif kind == "h2":
            lines.append(f'#text(size: 14pt, weight: "bold")[{typst_escape(body)}]')
        elif kind == "li":
            lines.append(f"- {typst_escape(body)}")
        else:
            lines.append(typst_escape(body))
        lines.append("")
        first = False
    src = work / f"{text.name}.typ"
    src.write_text("\n".join(lines), encoding="utf-8")
    font_paths = [str(HERE.parent.parent / "fonts"), "/usr/share/fonts"]
    typst_py.compile(str(src), output=str(out), font_paths=font_paths)


# --- XeLaTeX -------------------------------------------------------------------------------

POLYGLOSSIA = {"ar": "arabic", "fa": "persian", "ur": "urdu", "he": "hebrew", "en": "english"}


def tex_escape(s):
    for a, b in (("\\", r"\textbackslash{}"), ("&", r"\&"), ("%", r"\%"), ("$", r"\$"),
                 ("#", r"\#"), ("_", r"\_"), ("{", r"\{"), ("}", r"\}")):
        s = s.replace(a, b)
    return s


def latin_runs(s, rtl):
    """Latin words inside right-to-left text wrapped for polyglossia, as a writer would."""
    if not rtl:
        return tex_escape(s)
    out, word = [], []
    for c in s + " ":
        if c.isascii() and c.isalpha():
            word.append(c)
            continue
        if word:
            out.append(r"\textenglish{" + "".join(word) + "}")
            word = []
        out.append(tex_escape(c) if c != " " else " ")
    return "".join(out).rstrip()


def xelatex(text, out, work):
    lang = POLYGLOSSIA[text.lang]
    paper = "a4" if text.columns > 1 else "a5"
    cls = "twocolumn," if text.columns > 1 else ""
    body = []
    in_list = False
    for kind, b in text.blocks:
        if kind != "li" and in_list:
            body.append(r"\end{itemize}")
            in_list = False
        s = latin_runs(b, text.rtl)
        if kind == "h1":
            body.append(r"\twocolumn[{\LARGE\bfseries " + s + r"\par}\bigskip]" if text.columns > 1
                        else r"{\LARGE\bfseries " + s + r"\par}\bigskip")
        elif kind == "h2":
            body.append(r"\subsection*{" + s + "}")
        elif kind == "li":
            if not in_list:
                body.append(r"\begin{itemize}")
                in_list = True
            body.append(r"\item " + s)
        else:
            body.append(s + "\n")
    if in_list:
        body.append(r"\end{itemize}")
    head_font = {"ar": "Amiri", "fa": "Amiri", "ur": "Noto Nastaliq Urdu", "he": "Noto Serif Hebrew", "en": "Noto Serif"}[text.lang]
    other = "" if text.lang == "en" else r"\setotherlanguage{english}"
    head = latin_runs(text.head, text.rtl)
    page = tex_escape(PAGE[text.lang])
    body_tex = "\n".join(body)
    main_font = {
        "ar": r"\newfontfamily\arabicfont[Script=Arabic]{Amiri}",
        "fa": r"\newfontfamily\persianfont[Script=Arabic]{Amiri}",
        "ur": r"\newfontfamily\urdufont[Script=Arabic]{Noto Nastaliq Urdu}",
        "he": r"\newfontfamily\hebrewfont[Script=Hebrew]{Noto Serif Hebrew}",
        "en": "",
    }[text.lang]
    tex = rf"""\documentclass[12pt,{paper}paper,{cls}]{{article}}
\usepackage[margin=2cm]{{geometry}}
\usepackage{{fancyhdr}}
\usepackage{{fontspec}}
\usepackage{{polyglossia}}
\setmainlanguage{{{lang}}}
{other}
\setmainfont{{Noto Serif}}
{main_font}
\newfontfamily\headfont{{{head_font}}}
\pagestyle{{fancy}}
\fancyhf{{}}
\chead{{\small\headfont {head}}}
\cfoot{{\small {page} \thepage}}
\begin{{document}}
{body_tex}
\end{{document}}
"""
    src = work / f"{text.name}.tex"
    src.write_text(tex, encoding="utf-8")
    run(["xelatex", "-interaction=nonstopmode", "-halt-on-error", "-output-directory", str(work),
         str(src)])
    shutil.move(work / f"{text.name}.pdf", out)


# --- fixtures for the importer's failure modes ---------------------------------------------

FIXTURES = HERE.parent / "fixtures" / "pdf"


def fixtures():
    """Encrypted (user password `briefing`; owner password only), cut off, a scan with no
    text layer, an OCR-style invisible text layer, a page that draws no text: each from a
    producer (qpdf, Chromium, Typst, XeLaTeX) applied to the corpus."""
    FIXTURES.mkdir(parents=True, exist_ok=True)
    source = OUT / "lo-docx" / "ar-statement.pdf"
    run(["qpdf", "--encrypt", "briefing", "owner-secret", "256", "--", str(source),
         str(FIXTURES / "encrypted-user.pdf")])
    run(["qpdf", "--encrypt", "", "owner-secret", "256", "--", str(source),
         str(FIXTURES / "encrypted-owner-only.pdf")])
    # Another text under a password, for the real-window test (one the test adds besides).
    run(["qpdf", "--encrypt", "briefing", "owner-secret", "256", "--",
         str(OUT / "typst" / "he-statement.pdf"), str(FIXTURES / "encrypted-he.pdf")])
    whole = (OUT / "chromium" / "ar-statement.pdf").read_bytes()
    (FIXTURES / "cut-off.pdf").write_bytes(whole[: len(whole) * 55 // 100])
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        run(["pdftoppm", "-r", "110", "-png", "-f", "1", "-l", "1",
             str(OUT / "typst" / "ar-statement.pdf"), str(work / "page")])
        png = next(work.glob("page*.png"))
        page = work / "scan.html"
        page.write_text(f'<!DOCTYPE html><html><head><style>@page {{ size: A5; margin: 0 }}'
                        f' body {{ margin: 0 }} img {{ width: 100%; }}</style></head>'
                        f'<body><img src="{png.as_uri()}"></body></html>', encoding="utf-8")
        run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={work / 'profile'}", "--no-pdf-header-footer",
             "--allow-file-access-from-files", f"--print-to-pdf={FIXTURES / 'scan.pdf'}",
             page.as_uri()])
        typ = work / "drawing.typ"
        typ.write_text('#set page(paper: "a5")\n#rect(width: 80%, height: 30%)\n'
                       '#circle(radius: 2cm)\n', encoding="utf-8")
        import typst as typst_py
        typst_py.compile(str(typ), output=str(FIXTURES / "drawing-only.pdf"))
        # Page labels: a preface numbered i, ii, then the body from 1 (Typst writes them).
        labels = work / "labels.typ"
        labels.write_text("""#set page(paper: "a6", numbering: "i")
#set text(lang: "ar", dir: rtl, font: ("Noto Naskh Arabic",))
= مقدمة
هذه الصفحة الأولى من المقدمة.
#pagebreak()
هذه الصفحة الثانية من المقدمة.
#set page(numbering: "1")
#counter(page).update(1)
#pagebreak()
= النص
يبدأ النص هنا في الصفحة الأولى.
""", encoding="utf-8")
        typst_py.compile(str(labels), output=str(FIXTURES / "page-labels.pdf"),
                         font_paths=[str(HERE.parent.parent / "fonts"), "/usr/share/fonts"])
        # An OCR layer: the scanned page, and over it the text in render mode 3 (invisible),
        # as OCR programs write it.
        tex = work / "ocr.tex"
        tex.write_text(r"""\documentclass[12pt,a5paper]{article}
\usepackage[margin=1.5cm]{geometry}
\usepackage{fontspec}
\usepackage{polyglossia}
\setmainlanguage{arabic}
\setmainfont{Noto Serif}
\newfontfamily\arabicfont[Script=Arabic]{Amiri}
\pagestyle{empty}
\begin{document}
\special{pdf:literal direct 3 Tr}
عقد وزراء خارجية دول مجلس التعاون اجتماعهم الدوري في مدينة الرياض.

وناقش الوزراء تطورات الأوضاع في المنطقة والعلاقات مع الشركاء الدوليين.
\end{document}
""", encoding="utf-8")
        run(["xelatex", "-interaction=nonstopmode", "-halt-on-error", "-output-directory",
             str(work), str(tex)])
        shutil.move(work / "ocr.pdf", FIXTURES / "ocr-layer.pdf")
    print(f"fixtures in {FIXTURES}")


# --- driver --------------------------------------------------------------------------------

def run(cmd):
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-3000:])
        raise SystemExit(f"failed: {' '.join(cmd[:3])} …")


def install():
    need = [pkg for cmd, pkg in (("soffice", "libreoffice-writer"), ("chromium", "chromium"),
                                 ("xelatex", "texlive-xetex"))
            if shutil.which(cmd) is None]
    need += ["texlive-lang-arabic", "fonts-noto-core", "fonts-noto-extra", "fonts-hosny-amiri",
             "qpdf", "poppler-utils"]
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *need],
                   check=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "typst", "python-docx"],
                   check=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--install", action="store_true")
    parser.add_argument("--only")
    parser.add_argument("--text")
    parser.add_argument("--fixtures", action="store_true",
                        help="only build tests/fixtures/pdf from the corpus")
    args = parser.parse_args()
    if args.install:
        install()
    if args.fixtures:
        fixtures()
        return
    makers = {"lo-docx": lo_docx, "lo-html": lo_html, "chromium": chromium, "typst": typst,
              "xelatex": xelatex}
    texts = [Text(p) for p in sorted(TEXTS.glob("*.txt"))]
    for text in texts:
        if args.text and text.name != args.text:
            continue
        write_truth(text)
        for producer in PRODUCERS:
            if args.only and producer != args.only:
                continue
            (OUT / producer).mkdir(parents=True, exist_ok=True)
            out = OUT / producer / f"{text.name}.pdf"
            with tempfile.TemporaryDirectory() as tmp:
                makers[producer](text, out, Path(tmp))
            print(f"{producer}/{text.name}.pdf")


if __name__ == "__main__":
    main()
