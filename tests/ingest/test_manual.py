"""Manual parsers: PDFs generated here (text, scanned, encrypted, truncated), HTML/Markdown/docx,
and the real guideline PDFs and HTML pages of the shared dataset."""

from __future__ import annotations

import io

import pytest
from fpdf import FPDF
from PIL import Image
from pypdf import PdfReader, PdfWriter

from core.errors import SourceParseError
from core.types import Kind
from ingest.manual import (
    parse_manual_docx,
    parse_manual_html,
    parse_manual_markdown,
    parse_manual_pdf,
    split_with_overlap,
)
from tests.conftest import SAMPLE_DIR, shared_dataset

BODY = (
    "Open the voucher screen from the main menu. Enter the budget code and the amount. "
    "Check the totals before you save the voucher. "
)


class _Manual(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, "Midori City Financial System Manual", new_x="LMARGIN", new_y="NEXT")

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 10, f"- {self.page_no()} -", align="C")


def _text_pdf() -> bytes:
    pdf = _Manual()
    pdf.set_title("Financial System Manual")
    sections = [
        ("1. Getting started", 1),
        ("1.1 Logging in", 2),
        ("2. Vouchers", 1),
        ("2.1 Creating a voucher", 2),
        ("2.2 Approving a voucher", 2),
    ]
    for heading, level in sections:
        pdf.add_page()
        pdf.set_font("Helvetica", "B", size=18 if level == 1 else 14)
        pdf.cell(0, 10, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        body = f"This section covers {heading[4:].lower()}. " + BODY
        pdf.multi_cell(0, 5, body * (12 if heading.startswith("2.1") else 2))
    return bytes(pdf.output())


def test_generated_pdf_sections_pages_and_labels() -> None:
    document = parse_manual_pdf(_text_pdf(), max_chars=400, overlap_chars=60)
    assert document.kind is Kind.MANUAL
    assert document.title == "Financial System Manual"
    assert document.metadata["pages"] == "5"
    captions = [c.caption for c in document.chunks]
    assert "2.1 Creating a voucher" in captions
    assert captions.count("2.1 Creating a voucher") > 1  # a long section is split
    voucher = next(c for c in document.chunks if c.caption == "2.1 Creating a voucher")
    assert voucher.page == 4
    assert voucher.path == ("2. Vouchers",)
    assert voucher.label == "p.4 2.1 Creating a voucher"
    assert all(c.page is not None and len(c.text) <= 400 for c in document.chunks)
    text = "\n".join(c.text for c in document.chunks)
    assert "Midori City Financial System Manual" not in text  # repeated header stripped
    assert "- 3 -" not in text  # page-number footer stripped


def test_title_falls_back_to_first_large_line() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", size=20)
    pdf.cell(0, 12, "Budget Handbook", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, BODY * 3)
    document = parse_manual_pdf(bytes(pdf.output()))
    assert document.title == "Budget Handbook"
    assert parse_manual_pdf(bytes(pdf.output()), title="Given").title == "Given"


def test_scanned_pdf_needs_ocr() -> None:
    image = Image.new("RGB", (200, 100), "white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(buffer.getvalue()), x=10, y=10, w=100)
    with pytest.raises(SourceParseError, match="OCR"):
        parse_manual_pdf(bytes(pdf.output()))


def test_encrypted_pdf_with_a_password_is_refused() -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_text_pdf())))
    writer.encrypt("s3cret", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(SourceParseError, match="encrypted PDF: a password is required"):
        parse_manual_pdf(buffer.getvalue())


def test_encrypted_pdf_with_empty_user_password_opens() -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_text_pdf())))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    document = parse_manual_pdf(buffer.getvalue())
    assert any(c.caption == "2.2 Approving a voucher" for c in document.chunks)


@pytest.mark.parametrize("cut", [0.5, 0.1])
def test_truncated_pdf_is_a_parse_error(cut: float) -> None:
    data = _text_pdf()
    with pytest.raises(SourceParseError):
        parse_manual_pdf(data[: int(len(data) * cut)])


@pytest.mark.parametrize("data", [b"", b"hello, not a pdf"])
def test_empty_or_non_pdf(data: bytes) -> None:
    with pytest.raises(SourceParseError):
        parse_manual_pdf(data)


def test_split_with_overlap_cuts_at_sentence_ends() -> None:
    text = "".join(f"これは{i}番目の文です。" for i in range(60))
    spans = split_with_overlap(text, max_chars=100, overlap_chars=30)
    pieces = [text[s:e] for s, e in spans]
    assert all(len(p) <= 100 for p in pieces)
    assert all(p.endswith("。") for p in pieces)
    assert all(p.startswith("これは") for p in pieces)
    assert all(spans[i + 1][0] < spans[i][1] for i in range(len(spans) - 1))  # overlap
    assert spans[-1][1] == len(text)
    with pytest.raises(ValueError, match="max_chars"):
        split_with_overlap(text, max_chars=10, overlap_chars=10)


HTML = """<html><head><meta charset="shift_jis"><title>会計事務の手引 ｜ みどり市</title>
<script>var x = "本文ではない";</script></head><body>
<nav>トップ ＞ 手引</nav>
<main><h1>会計事務の手引</h1><p>この手引は会計事務の流れを説明します。</p>
<h2 id="s1">1 伝票</h2><h3 id="s1-2">1-2 伝票の起票</h3><p>伝票は財務会計システムで起票します。</p>
<table><tr><td>区分</td><td>様式</td></tr></table></main>
<footer>Copyright みどり市</footer></body></html>"""


def test_html_sections_with_declared_charset_and_chrome_removed() -> None:
    document = parse_manual_html(HTML.encode("cp932"))
    assert document.title == "会計事務の手引"
    chunk = next(c for c in document.chunks if c.caption == "1-2 伝票の起票")
    assert chunk.path == ("会計事務の手引", "1 伝票")
    assert chunk.source_ref == "#s1-2"
    assert chunk.label == "1-2 伝票の起票"
    assert "区分 | 様式" in chunk.text
    text = "\n".join(c.text for c in document.chunks)
    for chrome in ("本文ではない", "トップ", "Copyright"):
        assert chrome not in text


def test_markdown_sections() -> None:
    markdown = (
        "# 操作手順書\n\n前書き。\n\n## 1. ログイン\n\nIDを入力します。\n\n"
        "```\n# not a heading\n```\n"
    )
    document = parse_manual_markdown(markdown)
    assert document.title == "操作手順書"
    login = next(c for c in document.chunks if c.caption == "1. ログイン")
    assert login.path == ("操作手順書",)
    assert "# not a heading" in login.text
    with pytest.raises(SourceParseError, match="empty"):
        parse_manual_markdown("  \n")


def test_docx_sections_by_heading_style() -> None:
    import docx

    document = docx.Document()
    document.add_heading("財務会計システム操作手順書", level=0)
    document.add_heading("1 伝票", level=1)
    document.add_heading("1-2 伝票の起票", level=2)
    document.add_paragraph("メニューから伝票を選びます。")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "項目"
    table.rows[0].cells[1].text = "説明"
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = parse_manual_docx(buffer.getvalue())
    assert parsed.title == "財務会計システム操作手順書"
    (chunk,) = parsed.chunks
    assert chunk.caption == "1-2 伝票の起票"
    assert chunk.path == ("1 伝票",)
    assert chunk.text == "メニューから伝票を選びます。\n項目 | 説明"
    with pytest.raises(SourceParseError):
        parse_manual_docx(b"PK\x03\x04broken")


# Real guideline documents: page counts from PROVENANCE.md (225 pages in total).
REAL_PDFS = {
    "meti-security.pdf": 16,
    "ipa-partnership.pdf": 59,
    "jssec-mobile.pdf": 43,
    "meti-cloud.pdf": 107,
}


@pytest.mark.parametrize(("name", "pages"), REAL_PDFS.items())
def test_real_guideline_pdfs(name: str, pages: int) -> None:
    path = shared_dataset("jp_gov_guidelines_pdf_html") / "pdf" / name
    document = parse_manual_pdf(path.read_bytes())
    assert document.metadata["pages"] == str(pages)
    assert document.title
    assert len(document.chunks) >= 20
    assert all(c.page is not None and 1 <= c.page <= (c.page_end or 0) <= pages
               for c in document.chunks)
    assert all(len(c.text) <= 800 for c in document.chunks)
    captioned = [c for c in document.chunks if c.caption]
    assert len(captioned) >= 0.8 * len(document.chunks)
    assert all(c.label.startswith(f"p.{c.page}") for c in document.chunks)


def test_real_pdf_headings_and_paths() -> None:
    path = shared_dataset("jp_gov_guidelines_pdf_html") / "pdf" / "jssec-mobile.pdf"
    document = parse_manual_pdf(path.read_bytes())
    chunk = next(c for c in document.chunks if c.caption == "1.5. 本ガイドラインの構成")
    assert (chunk.page, chunk.path) == (6, ("1. はじめに",))
    assert not any("Page-" in c.text for c in document.chunks)  # footer stripped
    assert not any("......" in c.text for c in document.chunks)  # table of contents dropped


@pytest.mark.parametrize(
    ("name", "min_chars"), [("ppc-guideline.html", 150_000), ("ppc-mynumber-gov.html", 60_000)]
)
def test_real_ppc_html(name: str, min_chars: int) -> None:
    path = shared_dataset("jp_gov_guidelines_pdf_html") / "html" / name
    document = parse_manual_html(path.read_bytes())
    assert "ガイドライン" in document.title
    assert "｜" not in document.title
    assert sum(len(c.text) for c in document.chunks) >= min_chars
    assert sum(bool(c.caption) for c in document.chunks) >= 0.95 * len(document.chunks)
    assert not any("var " in c.text for c in document.chunks)


def test_colleague_sample_manual_pdf() -> None:
    path = SAMPLE_DIR / "corpus" / "財務会計システム操作手順書.pdf"
    if not path.exists():
        pytest.skip("sample manual PDF not written yet")
    document = parse_manual_pdf(path.read_bytes())
    assert len({c.caption for c in document.chunks if c.caption}) >= 2
    assert all(c.page is not None for c in document.chunks)
    chaptered = [c for c in document.chunks if c.path and c.path[0].startswith("第")]
    assert chaptered
    assert all(c.page and c.page > 2 for c in chaptered)  # contents-page entries are no parents
