"""FAQ parsers on files generated here (CSV/TSV/xlsx/JSON) and the real localgovFAQ corpus."""

from __future__ import annotations

import datetime as dt
import io
import json
import time

import pytest
from openpyxl import Workbook

from core.errors import SourceParseError
from core.types import Kind
from ingest.faq import (
    parse_faq_csv,
    parse_faq_json,
    parse_faq_qa_text,
    parse_faq_xlsx,
    to_iso_date,
)
from tests.conftest import SAMPLE_DIR, shared_dataset

MULTILINE_ANSWER = "本庁舎１階の市民課窓口で交付します。\n本人確認書類をお持ちください。"
CSV_TEXT = (
    "FAQ番号,分類,質問,回答,担当課,更新日\r\n"
    f'F-001,住民票,住民票の写しはどこで取れますか,"{MULTILINE_ANSWER}",市民課,令和6年4月1日\r\n'
    'F-002,税,"市県民税の納付書を無くしました","再発行します。\r\n税務課へご連絡ください。",税務課,2024/04/01\r\n'
    ",,,,,\r\n"
    "F-003,ごみ,粗大ごみの出し方,,環境課,2024-05-10\r\n"
)


def test_cp932_csv_with_multiline_quoted_cell() -> None:
    document = parse_faq_csv(CSV_TEXT.encode("cp932"), title="職員FAQ")
    assert document.kind is Kind.FAQ
    assert document.source_format == "csv"
    assert document.metadata["encoding"] == "cp932"
    assert len(document.chunks) == 2
    first, second = document.chunks
    assert first.text == MULTILINE_ANSWER
    assert first.answer == MULTILINE_ANSWER
    assert first.question == first.context == "住民票の写しはどこで取れますか"
    assert first.label == "Q. 住民票の写しはどこで取れますか"
    assert dict(first.metadata) == {
        "faq_id": "F-001",
        "row": "1",
        "category": "住民票",
        "owner_department": "市民課",
        "updated": "2024-04-01",
    }
    assert second.text == "再発行します。\n税務課へご連絡ください。"
    assert second.metadata["updated"] == "2024-04-01"
    assert len(document.warnings) == 1
    assert "answer is empty" in document.warnings[0]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_utf8_csv_with_and_without_bom(encoding: str) -> None:
    document = parse_faq_csv(CSV_TEXT.encode(encoding), title="職員FAQ")
    assert document.metadata["encoding"] == encoding
    assert [c.metadata["faq_id"] for c in document.chunks] == ["F-001", "F-002"]


def test_tsv_with_english_headers_and_row_ids() -> None:
    tsv = "Question\tAnswer\tCategory\tDepartment\tUpdated\n" \
          "How do I reset my password?\tAsk the IT desk (ext. 1234).\tIT\tDX Office\t2024/4/1\n" \
          "Where is the manual?\tOn the portal, under 'Manuals'.\t\t\t\n"
    document = parse_faq_csv(tsv.encode(), title="IT FAQ")
    assert document.source_format == "tsv"
    assert [c.metadata["faq_id"] for c in document.chunks] == ["row-1", "row-2"]
    assert document.chunks[0].metadata["owner_department"] == "DX Office"
    assert document.chunks[0].metadata["updated"] == "2024-04-01"
    assert "category" not in document.chunks[1].metadata


def test_fullwidth_headers_and_title_rows_above_the_header() -> None:
    csv_text = (
        "みどり市 職員FAQ（2024年版）\nＮｏ,Ｑ,Ａ\n"
        "1,休暇の申請方法は？,庶務システムから申請します。\n"
    )
    document = parse_faq_csv(csv_text.encode("utf-8"), title="FAQ")
    assert document.chunks[0].metadata["faq_id"] == "1"
    assert document.chunks[0].text == "庶務システムから申請します。"


def test_column_map_for_unusual_headers() -> None:
    csv_text = "お問い合わせ,ご案内,係\n駐車場はありますか,庁舎北側にあります。,管財係\n"
    column_map = {"question": "お問い合わせ", "answer": "ご案内", "department": "係"}
    document = parse_faq_csv(csv_text.encode(), title="FAQ", column_map=column_map)
    assert document.chunks[0].question == "駐車場はありますか"
    assert document.chunks[0].metadata["owner_department"] == "管財係"
    with pytest.raises(SourceParseError, match="unknown field"):
        parse_faq_csv(csv_text.encode(), title="FAQ", column_map={"owner": "係"})


def test_missing_columns_names_the_headers_seen() -> None:
    with pytest.raises(SourceParseError, match="headers seen: 件名, 本文"):
        parse_faq_csv("件名,本文\nA,B\n".encode(), title="FAQ")


@pytest.mark.parametrize(
    "data",
    [b"", "質問,回答\n".encode(), "質問,回答\n,\n問いのみ,\n".encode("cp932")],
)
def test_no_qa_pairs_is_an_error(data: bytes) -> None:
    with pytest.raises(SourceParseError):
        parse_faq_csv(data, title="FAQ")


def _xlsx(rows: list[list[object]], *, first_sheet: list[list[object]] | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if first_sheet is not None:
        sheet.title = "表紙"
        for row in first_sheet:
            sheet.append(row)
        sheet = workbook.create_sheet("FAQ")
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_first_sheet_with_headers() -> None:
    data = _xlsx(
        [
            ["財務会計システムFAQ"],
            ["番号", "カテゴリー", "質問内容", "回答内容", "所管課", "更新日時"],
            [101, "伝票", "支出負担行為の起票方法は？", "メニュー「伝票」から\n起票します。",
             "会計課",
             dt.datetime(2024, 4, 1, 9, 30)],
            [102.0, "伝票", "", "（回答のみ）", "会計課", None],
        ],
        first_sheet=[["このブックについて"], ["作成", "会計課"]],
    )
    document = parse_faq_xlsx(data, title="財務会計システムFAQ")
    assert document.source_format == "xlsx"
    assert document.metadata["sheet"] == "FAQ"
    (chunk,) = document.chunks
    assert chunk.text == "メニュー「伝票」から\n起票します。"
    assert chunk.metadata["faq_id"] == "101"
    assert chunk.metadata["updated"] == "2024-04-01"
    assert chunk.source_ref == "FAQ!row 3"
    assert "question is empty" in document.warnings[0]


def test_xlsx_rejects_non_zip() -> None:
    with pytest.raises(SourceParseError):
        parse_faq_xlsx(b"not a workbook", title="x")


def test_json_list_with_japanese_and_english_keys() -> None:
    items = [
        {"id": "a1", "質問": "開庁時間は？", "回答": "8時30分から17時15分です。", "分類": "総務"},
        {"question": "Is there parking?", "answer": "Yes, north side.", "updated": "R6.4.1"},
    ]
    document = parse_faq_json(json.dumps(items, ensure_ascii=False).encode(), title="FAQ")
    assert [c.metadata["faq_id"] for c in document.chunks] == ["a1", "row-2"]
    assert document.chunks[0].metadata["category"] == "総務"
    assert document.chunks[1].metadata["updated"] == "2024-04-01"
    with pytest.raises(SourceParseError, match="keys seen: title"):
        parse_faq_json(b'[{"title": "x"}]', title="FAQ")
    with pytest.raises(SourceParseError, match="invalid JSON"):
        parse_faq_json(b"[{", title="FAQ")


def test_qa_text_form() -> None:
    text = "Question: 印鑑登録は？\nAnswer: 市民課で登録します。\n代理人も可能です。\n\n" \
           "質問：開庁時間は？\n回答：8時30分からです。\n"
    document = parse_faq_qa_text(text, title="FAQ")
    assert [c.question for c in document.chunks] == ["印鑑登録は？", "開庁時間は？"]
    assert document.chunks[0].text == "市民課で登録します。\n代理人も可能です。"
    assert document.source_format == "qa_text"


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2024/04/01", "2024-04-01"),
        ("2024-4-1", "2024-04-01"),
        ("２０２４年４月１日", "2024-04-01"),
        ("令和6年4月1日", "2024-04-01"),
        ("令和六年四月一日", "2024-04-01"),
        ("令和元年5月1日", "2019-05-01"),
        ("H31.4.30", "2019-04-30"),
        (dt.date(2024, 4, 1), "2024-04-01"),
        ("近日更新", None),
        ("2024/13/01", None),
    ],
)
def test_to_iso_date(value: object, iso: str | None) -> None:
    assert to_iso_date(value) == iso


def test_localgovfaq_corpus_json() -> None:
    corpus = shared_dataset("localgovfaq_amagasaki") / "corpus.json"
    data = corpus.read_bytes()
    started = time.perf_counter()
    document = parse_faq_json(data, title="尼崎市FAQ")
    assert time.perf_counter() - started < 10
    assert len(document.chunks) == 1786
    assert document.warnings == ()
    first = document.chunks[0]
    assert first.metadata["faq_id"] == "0"
    assert first.question == (
        "乳幼児とその親が集う場、地域の母親同士の情報交換や交流の相談先を知りたい。"
    )
    assert first.text.startswith("■市には乳幼児（乳児）とその親が集う場として")
    assert all(c.question and c.text and c.label.startswith("Q. ") for c in document.chunks)
    assert len({c.metadata["faq_id"] for c in document.chunks}) == 1786


def test_colleague_sample_files_parse() -> None:
    corpus = SAMPLE_DIR / "corpus"
    csv_path, xlsx_path = corpus / "みどり市職員FAQ.csv", corpus / "財務会計システムFAQ.xlsx"
    if not csv_path.exists() and not xlsx_path.exists():
        pytest.skip("sample FAQ files not written yet")
    if csv_path.exists():
        document = parse_faq_csv(csv_path.read_bytes(), title=csv_path.stem)
        assert document.metadata["encoding"] == "cp932"
        assert document.chunks
        assert all(c.question and c.answer for c in document.chunks)
    if xlsx_path.exists():
        document = parse_faq_xlsx(xlsx_path.read_bytes(), title=xlsx_path.stem)
        assert document.chunks
        assert all(c.question and c.answer for c in document.chunks)
