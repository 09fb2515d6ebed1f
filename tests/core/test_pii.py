"""Personal-information guard on a labeled list of questions (tests/core/data/pii_cases.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.pii import KINDS, PiiDetector, is_my_number, mask

CASES = Path(__file__).resolve().parent / "data" / "pii_cases.tsv"


def load_cases() -> list[tuple[set[str], str]]:
    rows = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kinds, text = line.split("\t", 1)
        rows.append((set() if kinds == "-" else set(kinds.split(",")), text))
    return rows


@pytest.fixture(scope="module")
def detector() -> PiiDetector:
    return PiiDetector()


def score(detector: PiiDetector) -> dict[str, dict[str, float]]:
    """Per-kind and overall precision/recall over (line, kind) pairs."""
    counts = {k: {"tp": 0, "fp": 0, "fn": 0} for k in (*KINDS, "all")}
    for expected, text in load_cases():
        got = {f.kind for f in detector.detect(text)}
        for kind in got | expected:
            key = "tp" if kind in got and kind in expected else "fp" if kind in got else "fn"
            counts[kind][key] += 1
            counts["all"][key] += 1
    out = {}
    for kind, c in counts.items():
        out[kind] = {
            "precision": c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0,
            "recall": c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0,
            **c,
        }
    return out


def test_labeled_list_is_big_enough() -> None:
    cases = load_cases()
    assert len(cases) >= 100
    assert sum(1 for kinds, _ in cases if not kinds) >= 40  # tricky negatives
    assert {k for kinds, _ in cases for k in kinds} == set(KINDS)


def test_detection_recall_and_precision(detector: PiiDetector) -> None:
    figures = score(detector)
    for kind, f in figures.items():
        print(f"{kind:>12}: precision={f['precision']:.3f} recall={f['recall']:.3f} "
              f"(tp={f['tp']} fp={f['fp']} fn={f['fn']})")
    assert figures["all"]["recall"] >= 0.95
    assert figures["all"]["precision"] >= 0.95
    assert all(f["recall"] >= 0.85 for f in figures.values())


@pytest.mark.parametrize("text", ["第十二条", "令和6年4月1日 施行", "みどり市告示第03-1234号",
                                  "田中町の公園", "規程第03-12号の改正"])
def test_tricky_negatives(detector: PiiDetector, text: str) -> None:
    assert detector.detect(text) == []


def test_my_number_check_digit() -> None:
    assert is_my_number("526018159084")
    assert not is_my_number("526018159085")
    assert not is_my_number("12345678901")


def test_mask_hides_every_value(detector: PiiDetector) -> None:
    text = "田中様（03-5555-1234、taro@example.jp）の個人番号526018159084"
    masked = mask(text, detector.detect(text))
    for secret in ("田中", "5555", "taro@", "526018159084"):
        assert secret not in masked
    assert "【氏名】" in masked
    assert "【電話番号】" in masked
    assert mask("年休は何日？", []) == "年休は何日？"


def test_zero_width_characters_do_not_hide_personal_data(detector: PiiDetector) -> None:
    hidden = "\u200b".join("090-1234-5678 は誰の番号ですか")
    assert {f.kind for f in detector.detect(hidden)} == {"phone"}
    assert "【電話番号】" in mask(hidden, detector.detect(hidden))


def test_letter_spacing_does_not_hide_personal_data(detector: PiiDetector) -> None:
    spaced = " ".join("田中さんの電話番号は090-1234-5678です")
    found = detector.detect(spaced)
    assert {f.kind for f in found} == {"person_name", "phone"}
    masked = mask(spaced, found)
    assert "5 6 7 8" not in masked
    assert "【電話番号】" in masked
    # ordinary spaced text with no personal data, and a few spaces, stay clean
    assert detector.detect(" ".join("第十条の年次有給休暇は何日")) == []
    assert detector.detect("年休 は 何日 もらえる") == []
