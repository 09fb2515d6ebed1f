"""Kanji numerals, 条・項・号 numbers and labels, 和暦 dates."""

from __future__ import annotations

import pytest

from ingest.numbering import (
    article_label,
    article_number,
    citation_label,
    find_wareki_date,
    int_to_kanji,
    item_label,
    item_number,
    kanji_to_int,
    paragraph_number,
    wareki_to_iso,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一", 1),
        ("十", 10),
        ("十一", 11),
        ("二十三", 23),
        ("百", 100),
        ("百五", 105),
        ("千", 1000),
        ("二千二十四", 2024),
        ("三百六十", 360),
        ("〇", 0),
        ("零", 0),
        ("一〇", 10),
        ("一二", 12),
        ("一三〇", 130),
        ("二〇二四", 2024),
        ("一万二千", 12000),
        ("23", 23),
        ("２３", 23),
        ("１０", 10),
        ("壱", 1),
        (" 七 ", 7),
    ],
)
def test_kanji_to_int(text: str, expected: int) -> None:
    assert kanji_to_int(text) == expected


@pytest.mark.parametrize("text", ["", "条", "十百", "百百", "二三十", "1a", "十二条"])
def test_kanji_to_int_rejects(text: str) -> None:
    assert kanji_to_int(text) is None


@pytest.mark.parametrize("number", [1, 9, 10, 11, 19, 20, 99, 100, 101, 110, 999, 1000, 2024])
def test_int_to_kanji_round_trip(number: int) -> None:
    assert kanji_to_int(int_to_kanji(number)) == number


@pytest.mark.parametrize(
    ("number", "expected"), [(17, "十七"), (105, "百五"), (2024, "二千二十四"), (0, "〇")]
)
def test_int_to_kanji(number: int, expected: str) -> None:
    assert int_to_kanji(number) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第十七条の二", "17_2"),
        ("第17条の2", "17_2"),
        ("第十七条の二の三", "17_2_3"),
        ("第一条", "1"),
        ("第１条", "1"),
        ("第百条", "100"),
        ("第 三 条", "3"),
        ("第二十九条から第三十一条まで", "29:31"),
        ("第九十九条及び第百条", "99:100"),
    ],
)
def test_article_number(text: str, expected: str) -> None:
    assert article_number(text) == expected


@pytest.mark.parametrize("text", ["第一項", "十七条", "第条", "附則", "第一条第二項"])
def test_article_number_rejects(text: str) -> None:
    assert article_number(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("第三項", "3"), ("３", "3"), ("3", "3"), ("十二", "12"), ("第１０項", "10")],
)
def test_paragraph_number(text: str, expected: str) -> None:
    assert paragraph_number(text) == expected


@pytest.mark.parametrize("text", ["０", "第項", "イ", ""])
def test_paragraph_number_rejects(text: str) -> None:
    assert paragraph_number(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第二号", "2"),
        ("二", "2"),
        ("(2)", "2"),
        ("（２）", "2"),
        ("第二号の二", "2_2"),
        ("第二号ロ", "2_ro"),
        ("ロ", "ro"),
        ("イ", "i"),
        ("十三", "13"),
    ],
)
def test_item_number(text: str, expected: str) -> None:
    assert item_number(text) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [("17_2", "第十七条の二"), ("1", "第一条"), ("29:31", "第二十九条から第三十一条まで")],
)
def test_article_label(number: str, expected: str) -> None:
    assert article_label(number) == expected
    assert article_number(expected) == number


@pytest.mark.parametrize(
    ("number", "expected"),
    [("2", "第二号"), ("2_2", "第二号の二"), ("2_ro", "第二号ロ"), ("2_ro_1", "第二号ロ(1)")],
)
def test_item_label(number: str, expected: str) -> None:
    assert item_label(number) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("17_2", "3", "2"), "第十七条の二第三項第二号"),
        (("10", "2", None), "第十条第二項"),
        (("10", None, None), "第十条"),
        (("5", "1", "4_ni"), "第五条第一項第四号ニ"),
    ],
)
def test_citation_label(args: tuple[str, str | None, str | None], expected: str) -> None:
    assert citation_label(*args) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("令和六年四月一日", "2024-04-01"),
        ("令和６年４月１日", "2024-04-01"),
        ("令和6年4月1日", "2024-04-01"),
        ("令和 6 年 4 月 1 日", "2024-04-01"),
        ("令和元年五月一日", "2019-05-01"),
        ("平成元年一月八日", "1989-01-08"),
        ("平成三十一年四月三十日", "2019-04-30"),
        ("平成三十二年四月一日", "2020-04-01"),  # written before the era changed
        ("平成七年三月二十日", "1995-03-20"),
        ("昭和二十二年四月七日", "1947-04-07"),
        ("昭和43年9月10日", "1968-09-10"),
        ("大正十五年十二月二十四日", "1926-12-24"),
        ("明治四十五年七月二十九日", "1912-07-29"),
        ("令和四年一二月二二日", "2022-12-22"),
        ("R6.4.1", "2024-04-01"),
        ("H31.4.30", "2019-04-30"),
        ("令6.4.1", "2024-04-01"),
        ("Ｒ６．４．１".replace("Ｒ", "R"), "2024-04-01"),
    ],
)
def test_wareki_to_iso(text: str, expected: str) -> None:
    assert wareki_to_iso(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "令和六年",
        "令和六年二月三十日",
        "平成元年一月七日",
        "令和元年四月一日",
        "令和〇年一月一日",
        "西暦二〇二四年四月一日",
        "第六条",
        "令和六年四月一日から施行する",
        "R6.13.1",
    ],
)
def test_wareki_to_iso_rejects(text: str) -> None:
    assert wareki_to_iso(text) is None


def test_find_wareki_date_inside_sentence() -> None:
    assert find_wareki_date("この条例は、令和五年四月一日から施行する。") == "2023-04-01"
    assert find_wareki_date("附則（令和五年三月二十四日条例第十号）") == "2023-03-24"
    assert find_wareki_date("公布の日から施行する。") is None
