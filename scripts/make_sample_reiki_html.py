"""Regenerate the sample 例規集 HTML page (みどり市職員服務規程) for the bundled corpus.

The markup imitates the Reiki-Base style 例規集 pages (div.eline / div.article / div.clause /
div.item, p.title, span.num, p.s-head for 附則) so that the HTML ingester can be tested on it.
The regulation text is fictional and written for this project.

Usage: .venv/bin/python scripts/make_sample_reiki_html.py
"""

# ruff: noqa: E501

from __future__ import annotations

import html
import re
from pathlib import Path

OUT_PATH = Path(__file__).resolve().parents[1] / "data/sample/corpus/みどり市職員服務規程.html"

TITLE = "みどり市職員服務規程"
DATE = "平成7年3月31日"
NUMBER = "訓令第4号"
LAST_ENFORCED = "令和5年4月1日"

# (caption, [paragraph, ...]); paragraph = (text, [item text, ...])
ARTICLES: list[tuple[str, list[tuple[str, list[str]]]]] = [
    (
        "(趣旨)",
        [
            (
                "この規程は、法令その他別に定めるもののほか、職員の服務に関し必要な事項を定めるものとする。",
                [],
            ),
        ],
    ),
    (
        "(服務の原則)",
        [
            (
                "職員は、全体の奉仕者として公共の利益のために勤務し、かつ、職務の遂行に当たっては、法令、条例、規則その他の規程及び上司の職務上の命令に忠実に従い、全力を挙げてこれに専念しなければならない。",
                [],
            ),
            (
                "職員は、常に市民の信頼を得るよう努め、その職の信用を傷つけ、又は職員の職全体の不名誉となるような行為をしてはならない。",
                [],
            ),
        ],
    ),
    (
        "(出勤)",
        [
            (
                "職員は、勤務時間の開始時刻までに出勤し、直ちに庶務事務システムにより出勤の記録をしなければならない。",
                [],
            ),
            (
                "庶務事務システムの障害その他の理由により出勤の記録をすることができない場合は、出勤簿(様式第1号)に自ら署名しなければならない。",
                [],
            ),
        ],
    ),
    (
        "(名札の着用)",
        [
            (
                "職員は、勤務時間中、所定の名札を胸部等の見やすい位置に着用しなければならない。ただし、所属長が職務の性質上着用の必要がないと認めた場合は、この限りでない。",
                [],
            ),
        ],
    ),
    (
        "(遅参、欠勤等の届出)",
        [
            (
                "職員は、遅参し、又は欠勤しようとする場合は、始業時刻までに所属長にその旨を連絡しなければならない。",
                [],
            ),
            (
                "前項の場合において、休暇の請求を要するときは、出勤後又は事後速やかに庶務事務システムにより請求しなければならない。",
                [],
            ),
            (
                "所属長は、職員が正当な理由なく欠勤したときは、速やかに人事課長に報告しなければならない。",
                [],
            ),
        ],
    ),
    (
        "(出張及び復命)",
        [
            (
                "職員は、出張を命ぜられたときは、出張の目的、用務先及び日程を確認し、出張中は所属長との連絡を密にしなければならない。",
                [],
            ),
            (
                "出張中に用務の変更又は日程の延長を要するときは、所属長の指示を受けなければならない。",
                [],
            ),
            (
                "職員は、出張から帰庁したときは、速やかに復命書(様式第2号)により所属長に復命しなければならない。ただし、軽易な用務に係るものについては、口頭により復命することができる。",
                [],
            ),
        ],
    ),
    (
        "(営利企業への従事等)",
        [
            (
                "職員は、地方公務員法(昭和25年法律第261号)第38条第1項の規定による許可を受けようとするときは、営利企業等従事許可申請書(様式第3号)を、従事しようとする日の30日前までに、所属長を経由して任命権者に提出しなければならない。",
                [],
            ),
            (
                "任命権者は、次の各号のいずれにも該当すると認める場合に限り、前項の許可をするものとする。",
                [
                    "職務の遂行に支障がないこと。",
                    "職員の職と当該営利企業等との間に特別な利害関係がなく、かつ、その発生のおそれがないこと。",
                    "職員の職の信用を傷つけ、又は職員の職全体の不名誉となるおそれがないこと。",
                    "報酬を得て従事する時間が1週間当たり8時間以内であり、かつ、勤務時間と重複しないこと。",
                ],
            ),
            ("前項の許可の期間は、1年を超えないものとする。", []),
        ],
    ),
    (
        "(退庁時の措置)",
        [
            (
                "職員は、退庁しようとするときは、次の各号に掲げる措置を講じなければならない。",
                [
                    "文書及び物品を所定の場所に収納すること。",
                    "保有個人情報が記録された文書及び外部記録媒体を施錠できる場所に保管すること。",
                    "火気の始末及び消灯をすること。",
                    "端末の電源を切ること。",
                ],
            ),
            ("最後に退庁する職員は、窓及び扉の施錠を確認しなければならない。", []),
        ],
    ),
    (
        "(事務引継ぎ)",
        [
            (
                "職員は、退職、休職、転任等を命ぜられたときは、その担任する事務について、事務引継書(様式第4号)を作成し、発令の日から5日以内に後任者又は所属長が指定する職員に引継ぎを行い、所属長の確認を受けなければならない。",
                [],
            ),
            (
                "前項の場合において、未完結の事務があるときは、その処理の経過及び今後の処理方針を明らかにしなければならない。",
                [],
            ),
        ],
    ),
    (
        "(住所等の変更の届出)",
        [
            (
                "職員は、次の各号に掲げる事項に変更があったときは、その事実が生じた日から14日以内に、身上異動届(様式第5号)により所属長を経由して人事課長に届け出なければならない。",
                [
                    "住所",
                    "氏名",
                    "学歴、資格又は免許",
                ],
            ),
        ],
    ),
    (
        "(事故等の報告)",
        [
            (
                "職員は、職務の内外を問わず、交通事故その他の事故を起こし、又は事件に関係したときは、直ちに所属長に報告しなければならない。",
                [],
            ),
            ("所属長は、前項の報告を受けたときは、速やかに人事課長に報告しなければならない。", []),
        ],
    ),
    (
        "(委任)",
        [
            ("この規程の実施に関し必要な事項は、総務部長が別に定める。", []),
        ],
    ),
]

# (date, number, [paragraph, ...]); date/number None for the original 附則
SUPPLEMENTS: list[tuple[str | None, str | None, list[str]]] = [
    (None, None, ["この訓令は、平成7年4月1日から施行する。"]),
    ("令和2年3月27日", "訓令第3号", ["この訓令は、令和2年4月1日から施行する。"]),
    (
        "令和5年3月24日",
        "訓令第5号",
        [
            "この訓令は、令和5年4月1日から施行する。",
            "この訓令の施行の際現にあるこの訓令による改正前の様式による用紙は、当分の間、所要の調整をして使用することができる。",
        ],
    ),
]


class _Ids:
    """Sequential element ids (e000000001, ...) and line ids (l000000000, ...)."""

    def __init__(self) -> None:
        self.e = 0
        self.line = -1

    def next_e(self) -> str:
        self.e += 1
        return f"e{self.e:09d}"

    def next_line(self) -> str:
        self.line += 1
        return f"l{self.line:09d}"


def _inline(text: str) -> str:
    """Escape text and colour parenthesised phrases the way 例規集 pages do."""
    escaped = html.escape(text, quote=False)
    return re.sub(r"(\([^()]*\))", r'<span class="brackets-color1">\1</span>', escaped)


def _eline(ids: _Ids, inner: str) -> str:
    return f'<div>\n<div id="{ids.next_line()}" class="eline">{inner}</div>\n</div>'


def build() -> str:
    ids = _Ids()
    body: list[str] = []
    num_ids: list[tuple[str, str]] = []
    toc: list[str] = []

    e_title = ids.next_e()
    body.append(
        _eline(
            ids,
            f'<div class="head"><p class="title-irregular"><span id="{e_title}" class="cm">○{TITLE}</span></p></div>',
        )
    )
    body.append(
        _eline(
            ids,
            f'<div class="head"><p class="date"><span id="{ids.next_e()}" class="cm">{DATE}</span></p></div>',
        )
    )
    body.append(
        _eline(
            ids,
            f'<div class="head"><p class="number"><span id="{ids.next_e()}" class="cm">{NUMBER}</span></p></div>',
        )
    )
    num_ids.append(("title", e_title))

    tabindex = 1
    for a_no, (caption, paragraphs) in enumerate(ARTICLES, start=1):
        e_num_p, e_caption, e_num = ids.next_e(), ids.next_e(), ids.next_e()
        if a_no == 1:
            num_ids.append(("main_rules", e_caption))
        num_ids += [(f"j{a_no}", e_caption), (f"j{a_no}_title", e_caption), (f"j{a_no}_num", e_num)]
        toc.append(
            f'<li><div><span class="noicon">&nbsp;</span><a href="#{e_caption}" tabindex="{tabindex}">'
            f'<span class="cm article"><span class="t-t">第{a_no}条</span><span class="t-t">{caption}</span></span></a></div></li>'
        )
        tabindex += 1
        for k_no, (text, items) in enumerate(paragraphs, start=1):
            e_k_num, e_k = ids.next_e(), ids.next_e()
            num_ids += [(f"j{a_no}_k{k_no}", e_k), (f"j{a_no}_k{k_no}_num", e_k_num)]
            if k_no == 1:
                body.append(
                    _eline(
                        ids,
                        (
                            f'<div class="article"><p class="title"><span id="{e_caption}" class="cm">{caption}</span></p>'
                            f'<p id="{e_num_p}" class="num"><span id="{e_num}" class="num cm">第{a_no}条</span>　'
                            f'<span class="clause"><span id="{e_k}" class="p cm">{_inline(text)}</span></span></p></div>'
                        ),
                    )
                )
            else:
                body.append(
                    _eline(
                        ids,
                        (
                            f'<div class="clause"><p id="{e_k_num}" class="num"><span id="{ids.next_e()}" class="num cm">{k_no}</span>　'
                            f'<span id="{e_k}" class="p cm">{_inline(text)}</span></p></div>'
                        ),
                    )
                )
            for g_no, item in enumerate(items, start=1):
                e_g_p, e_g, e_g_text = ids.next_e(), ids.next_e(), ids.next_e()
                num_ids += [
                    (f"j{a_no}_k{k_no}_g{g_no}", e_g),
                    (f"j{a_no}_k{k_no}_g{g_no}_noitems", e_g_text),
                ]
                body.append(
                    _eline(
                        ids,
                        (
                            f'<div class="item"><p id="{e_g_p}" class="num"><span id="{e_g}" class="num cm">({g_no})</span>　'
                            f'<span id="{e_g_text}" class="p cm">{_inline(item)}</span></p></div>'
                        ),
                    )
                )

    for f_no, (date, number, sup_paragraphs) in enumerate(SUPPLEMENTS, start=1):
        e_head_p, e_head = ids.next_e(), ids.next_e()
        num_ids.append((f"f{f_no}", e_head))
        head = f'<span id="{e_head}" class="title cm"><span class="word-space">附</span>則</span>'
        if date and number:
            head += f'<span id="{ids.next_e()}" class="date cm">({date}</span><span id="{ids.next_e()}" class="number cm">{number})</span>'
        body.append(_eline(ids, f'<p id="{e_head_p}" class="s-head">{head}</p>'))
        toc.append(
            f'<li><div><span class="noicon">&nbsp;</span><a href="#{e_head}" tabindex="{tabindex}">'
            f'<span class="cm supplement"><span class="t-t">附則</span></span></a></div></li>'
        )
        tabindex += 1
        numbered = len(sup_paragraphs) > 1
        for k_no, sup_text in enumerate(sup_paragraphs, start=1):
            e_p, e_num, e_text = ids.next_e(), ids.next_e(), ids.next_e()
            num_ids += [(f"f{f_no}_j0_k{k_no}", e_text), (f"f{f_no}_j0_k{k_no}_num", e_num)]
            if numbered:
                body.append(
                    _eline(
                        ids,
                        (
                            f'<div class="clause"><p id="{e_p}" class="num"><span id="{e_num}" class="num cm">{k_no}</span>　'
                            f'<span id="{e_text}" class="p cm">{_inline(sup_text)}</span></p></div>'
                        ),
                    )
                )
            else:
                body.append(
                    _eline(
                        ids,
                        (
                            f'<div class="clause"><p style="text-indent:1em;margin-left:0em;" id="{e_p}" class="p">'
                            f'<span id="{e_text}" class="p cm">{_inline(sup_text)}</span></p></div>'
                        ),
                    )
                )

    history_rows = [(DATE, NUMBER)] + [(d, n) for d, n, _ in SUPPLEMENTS if d and n]
    history = "\n".join(
        '<tr>\n<td class="seitei-icon" valign="TOP">◆</td>\n'
        f'<td valign="TOP" nowrap="nowrap">{d}</td>\n<td valign="TOP">{n}</td>\n</tr>'
        for d, n in history_rows
    )
    num_ids_html = "\n".join(f'<div id="{k}">{v}</div>' for k, v in num_ids)
    body_html = "\n".join(body)
    toc_html = "\n".join(toc)

    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html lang="ja">
<head>
<meta http-equiv="content-type" content="text/html; charset=utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1.0">
<title>{TITLE}</title>
<link rel="stylesheet" type="text/css" href="reiki.css">
</head>
<body>
<div id="wrapper">
<div id="container">
<!-- 本文 -->
<div id="primary" class="joubun showhistory">
<div id="primaryInner">
<div id="primaryInner2">
{body_html}
</div>
</div>
</div>
<!-- /本文 -->
</div>
<!-- secondary -->
<div id="secondary">
<!-- 基本情報 -->
<div class="heading-area">
<h2 class="heading-lv2A">{TITLE}</h2>
</div>
<p class="datenumber-area mt04">{DATE}　{NUMBER}</p>
<p class="datenumber-area mt04"> ({LAST_ENFORCED}施行)</p>
<!-- /基本情報 -->
<div class="tab-area">
<!-- 目次情報 -->
<div id="joubun-toc" class="tab-body">
<div class="joubun-toc">
<ul>
<li>
<ul>
<li><div><span class="open  ">&nbsp;</span><a href="#{num_ids[1][1]}"><span class="cm main_rules"><span class="t-t">本則</span></span></a><ul>
{toc_html}
</ul></div></li>
</ul>
</li>
</ul>
</div>
</div>
<!-- /目次情報 -->
<!-- 書誌情報 -->
<div id="shoshi-inf" class="tab-body">
<div class="shoshi">
<div>
<span class="taikei-title">体系情報</span>
</div>
<div>
<span class="taikei-item">第4編 人事/第3章 服務</span>
</div>
<div>
<span class="enkaku-title">沿革情報</span>
</div>
<table>
{history}
</table>
</div>
</div>
<!-- /書誌情報 -->
</div>
</div>
<!-- secondary --></div>
<!-- 条項ID一覧 -->
<div id="num-ids" style="display:none;">
{num_ids_html}
</div>
<!-- /条項ID一覧 -->
</body>
</html>
"""


def main() -> None:
    OUT_PATH.parent.mkdir(parents=True, exist_ok=True)
    OUT_PATH.write_text(build(), encoding="utf-8")
    print(f"wrote {OUT_PATH}")


if __name__ == "__main__":
    main()
