"""Write the e-Gov law excerpts the reference tests ingest (tests/data/egov_*_excerpt.xml).

Real e-Gov XML (../shared/datasets/egov_law_xml) with only the listed main-provision articles
kept (the 題名, 略称 and 法令番号 unchanged), so the API tests embed ~40 articles, not ~1,000.
Law text is not subject to copyright (著作権法第十三条).

    python scripts/make_law_excerpts.py ../shared/datasets/egov_law_xml tests/data
"""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree

KEEP = {  # file stem → articles kept (the cases and their wrong answers)
    "322AC0000000049_rodo_kijun_ho": ("rodo_kijun", {"1", "12", "20", "24", "26", "32", "34",
                                                     "35", "36", "37", "39", "89"}),
    "415AC0000000057_kojin_joho_hogo_ho": ("kojin_joho", {"1", "2", "16", "17", "18", "23",
                                                          "26", "27", "28", "33", "124"}),
    "425AC0000000027_mynumber_ho": ("mynumber", {"1", "2", "9", "14", "15", "16", "19",
                                                 "20"}),
}


def excerpt(source: Path, keep: set[str]) -> bytes:
    tree = etree.parse(str(source))
    body = tree.find(".//LawBody")
    assert body is not None
    for child in list(body):
        if child.tag not in ("LawTitle", "EnactStatement", "MainProvision"):
            body.remove(child)
    main = body.find("MainProvision")
    assert main is not None
    for article in main.findall(".//Article"):
        if article.get("Num") not in keep:
            article.getparent().remove(article)
    for tag in ("Division", "Subsection", "Section", "Chapter", "Part"):
        for group in main.findall(f".//{tag}"):
            if group.find(".//Article") is None:
                group.getparent().remove(group)
    return etree.tostring(tree, encoding="UTF-8", xml_declaration=True)


def main(argv: list[str]) -> int:
    src, out = Path(argv[0]), Path(argv[1])
    for stem, (name, keep) in KEEP.items():
        (out / f"egov_{name}_excerpt.xml").write_bytes(excerpt(src / f"{stem}.xml", keep))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
