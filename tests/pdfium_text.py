#!/usr/bin/env python3
"""Print the text PDFium extracts from each page of a PDF, pages separated by form feeds.

Used by tests/pdf_export.rs:  python3 tests/pdfium_text.py FILE.pdf
Exit code 3 when pypdfium2 is not installed (the test then skips or fails as configured).
"""
import sys

try:
    import pypdfium2
except ImportError:
    sys.exit(3)

doc = pypdfium2.PdfDocument(sys.argv[1])
pages = []
for i in range(len(doc)):
    pages.append(doc[i].get_textpage().get_text_range())
sys.stdout.write("\f".join(pages))
