#!/usr/bin/env python3
"""Show the truth's paragraphs that `briefing read` does not give back verbatim, each beside
the output paragraph that shares most words with it: diff.py PRODUCER/NAME"""
import subprocess, sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from score import collapse, words, ROOT, HERE
doc = sys.argv[1]
pdf = HERE / "pdf" / f"{doc}.pdf"
truth = (HERE / "truth" / f"{Path(doc).name}.txt").read_text(encoding="utf-8")
got = subprocess.run([str(ROOT / "target/release/briefing"), "read", str(pdf)], capture_output=True, text=True).stdout
ours = [p for p in got.split("\n") if p.strip()]
flat = collapse(got)
for p in truth.splitlines():
    if not p.strip() or collapse(p) in flat:
        continue
    tw = set(words(p))
    best = max(ours, key=lambda o: len(tw & set(words(o))), default="")
    print("TRUTH:", p[:400]); print("OURS: ", best[:400]); print()
