"""Old and other Office formats, each from a real small file made in the test: .xls (xlwt),
.pptx (python-pptx), .doc/.rtf/.ppt (LibreOffice converts a python-docx/pptx file), and the
clear error when LibreOffice is missing."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from core.errors import SourceParseError
from core.types import Kind
from ingest.convert import Converters
from ingest.pipeline import load_file, parse_bytes

REGULATION = [
    "みどり市文書取扱規則",
    "（目的）",
    "第一条　この規則は、市の文書の管理について必要な事項を定めるものとする。",
    "（責務）",
    "第二条　職員は、文書を正確かつ迅速に取り扱わなければならない。",
    "２　課長は、文書の処理状況を常に把握しなければならない。",
]


def _xls_bytes() -> bytes:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("FAQ")
    for col, header in enumerate(["番号", "質問", "回答", "分類", "更新日"]):
        sheet.write(0, col, header)
    date_style = xlwt.easyxf(num_format_str="YYYY/MM/DD")
    rows = [
        (1, "住民票の写しはどこで請求できますか。", "市民課の窓口またはコンビニで請求できます。",
         "戸籍・住民票", dt.date(2024, 4, 1)),
        (2, "粗大ごみの出し方は。", "事前に電話で申し込み、指定日に出してください。", "ごみ",
         dt.date(2023, 10, 15)),
    ]
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write(r, col, value, date_style)
            else:
                sheet.write(r, col, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xls_faq_sheet_one_chunk_per_row() -> None:
    data = _xls_bytes()
    assert data.startswith(b"\xd0\xcf\x11\xe0")  # a real Excel 97-2003 file
    doc = parse_bytes(data, name="市民FAQ.xls")
    assert doc.kind == Kind.FAQ
    assert doc.source_format == "xls"
    assert [c.question for c in doc.chunks] == ["住民票の写しはどこで請求できますか。",
                                               "粗大ごみの出し方は。"]
    assert doc.chunks[0].answer == "市民課の窓口またはコンビニで請求できます。"
    assert doc.chunks[0].metadata["faq_id"] == "1"  # not "1.0"
    assert doc.chunks[0].metadata["updated"] == "2024-04-01"  # a date, not Excel serial 45383
    assert doc.chunks[1].metadata["category"] == "ごみ"


def test_xls_without_qa_headers_and_broken_xls_are_refused() -> None:
    with pytest.raises(SourceParseError, match="xls"):
        parse_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, name="broken.xls")
    import xlwt

    book = xlwt.Workbook()
    book.add_sheet("s").write(0, 0, "名前")
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(SourceParseError, match="question/answer"):
        parse_bytes(out.getvalue(), name="names.xls")


def _pptx_bytes() -> bytes:
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    deck.core_properties.title = "窓口業務研修"
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "転入届の受付"
    slide.placeholders[1].text = "本人確認書類を確認する。\n転出証明書を受け取る。"
    slide.notes_slide.notes_text_frame.text = "マイナンバーカードの継続利用も案内する。"
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "手数料一覧"
    table = slide.shapes.add_table(3, 2, Inches(1), Inches(2), Inches(6), Inches(2)).table
    for r, (name, fee) in enumerate([("証明書", "手数料"), ("住民票の写し", "300円"),
                                      ("印鑑登録証明書", "300円")]):
        table.cell(r, 0).text = name
        table.cell(r, 1).text = fee
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def test_pptx_a_slide_is_a_page() -> None:
    doc = parse_bytes(_pptx_bytes(), name="研修.pptx")
    assert doc.kind == Kind.MANUAL
    assert doc.title == "窓口業務研修"
    assert doc.source_format == "pptx"
    by_page = {c.page: c for c in doc.chunks}
    assert set(by_page) == {1, 2}
    assert by_page[1].caption == "転入届の受付"
    assert "転出証明書を受け取る。" in by_page[1].text
    assert "マイナンバーカードの継続利用" in by_page[1].text  # speaker notes
    assert "住民票の写し | 300円" in by_page[2].text
    assert by_page[2].label.startswith("p.2")


def test_pptx_refuses_a_broken_package() -> None:
    with pytest.raises(SourceParseError):
        parse_bytes(b"PK\x03\x04" + b"\0" * 100, name="broken.pptx")


# --- LibreOffice ------------------------------------------------------------------------------

SOFFICE = shutil.which("soffice")
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice not installed (apt-get install libreoffice-writer "
    "libreoffice-impress)")


def _docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    for line in REGULATION:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _libreoffice_make(tmp_path: Path, source_name: str, data: bytes, target: str) -> Path:
    """What a city hall's old PC would have written: LibreOffice saves the file as .doc etc."""
    source = tmp_path / source_name
    source.write_bytes(data)
    out = tmp_path / "made"
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", target, "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=180)
    made = out / f"{source.stem}.{target.split(':')[0]}"
    assert made.is_file()
    return made


@needs_libreoffice
@pytest.mark.parametrize(("target", "magic"), [("doc", b"\xd0\xcf\x11\xe0"), ("rtf", b"{\\rtf")])
def test_doc_and_rtf_regulations_via_libreoffice(tmp_path: Path, target: str,
                                                 magic: bytes) -> None:
    made = _libreoffice_make(tmp_path, "文書取扱規則.docx", _docx_bytes(), target)
    assert made.read_bytes().startswith(magic)
    doc = load_file(made, converters=Converters(soffice=SOFFICE or "soffice")).document
    assert doc.kind == Kind.REGULATION
    assert doc.source_format == target
    articles = [c for c in doc.chunks if c.article]
    assert {c.article for c in articles} >= {"1", "2"}
    assert any("迅速に取り扱わなければならない" in c.text for c in articles)


@needs_libreoffice
def test_ppt_via_libreoffice(tmp_path: Path) -> None:
    made = _libreoffice_make(tmp_path, "研修.pptx", _pptx_bytes(), "ppt")
    assert made.read_bytes().startswith(b"\xd0\xcf\x11\xe0")
    doc = load_file(made, converters=Converters(soffice=SOFFICE or "soffice")).document
    assert doc.source_format == "ppt"
    assert {c.page for c in doc.chunks} == {1, 2}
    assert any("転出証明書を受け取る。" in c.text for c in doc.chunks)


@pytest.mark.parametrize("suffix", [".doc", ".rtf", ".jtd", ".ppt"])
def test_missing_libreoffice_names_what_to_install(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"old{suffix}"
    path.write_bytes(b"{\\rtf1 x}" if suffix == ".rtf" else
                     b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(SourceParseError) as info:
        load_file(path, converters=Converters(soffice=str(tmp_path / "no" / "soffice")))
    message = str(info.value)
    assert "LibreOffice が必要" in message
    package = "libreoffice-impress" if suffix == ".ppt" else "libreoffice-writer"
    assert f"apt-get install {package}" in message
    assert "CHONAI_SOFFICE" in message


def test_cli_reports_missing_libreoffice_and_stores_nothing(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    from api.cli import main

    path = tmp_path / "old.rtf"
    path.write_bytes(b"{\\rtf1\\ansi hello}")
    monkeypatch.setenv("CHONAI_SOFFICE", str(tmp_path / "missing-soffice"))
    data_dir = tmp_path / "var"
    assert main(["ingest", str(path), "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert "apt-get install libreoffice-writer" in err
    assert main(["documents", "list", "--data-dir", str(data_dir), "--json"]) == 0
    assert '"documents": []' in capsys.readouterr().out
