"""Regenerate the sample manual PDF (財務会計システム操作手順書) of the bundled corpus.

The text is fictional (みどり市). Japanese glyphs come from the IPAex fonts of the Debian package
fonts-ipaexfont, embedded as subsets so that text extraction (pypdf) returns real characters.
Each chapter starts on a new page; page numbers in the footer equal the 1-based PDF page index.

Usage: .venv/bin/python scripts/make_sample_manual.py [--font-dir DIR]
"""

# ruff: noqa: E501

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos

OUT_PATH = Path(__file__).resolve().parents[1] / "data/sample/corpus/財務会計システム操作手順書.pdf"
DEFAULT_FONT_DIR = Path("/usr/share/fonts/opentype")
TITLE = "財務会計システム操作手順書"
EDITION = "第2.1版"

# A block is (kind, text): kind is "h1" (章), "h2" (節: "1." / "2-1"), "h3" ("（1）"), "p" (body).
# Each list of blocks is one chapter and starts on a new page.
CHAPTERS: list[list[tuple[str, str]]] = [
    [
        ("h1", "第1章　はじめに"),
        ("h2", "1. 本書の目的"),
        (
            "p",
            "本書は、みどり市財務会計システム（以下「システム」という。）を利用して歳出予算の執行事務を行う職員のために、基本的な操作手順を説明するものである。"
            "会計事務の制度上の取扱いについては、みどり市財務規則及び会計課が発行する通知を確認すること。",
        ),
        ("h2", "2. 動作環境"),
        (
            "p",
            "システムは、庁内ネットワーク（ＬＧＷＡＮ接続系）に接続された業務用端末から、ブラウザ（Microsoft Edge）で利用する。"
            "庁外のネットワーク及び私物の端末からは利用できない。",
        ),
        (
            "p",
            "システムの利用時間は、平日の午前7時から午後10時までとする。休日及び夜間は、保守作業のため利用できないことがある。",
        ),
        ("h2", "3. 本書の表記"),
        (
            "p",
            "本書では、画面上のメニュー及びボタンの名称を「　」で示す。また、メニューを順に選択する操作を「歳出」→「支出負担行為」のように記載する。",
        ),
        (
            "p",
            "伝票番号は「年度－伝票種別－連番」の形式（例：2024－01－000123）で自動的に採番される。伝票種別は、01が支出負担行為、02が支出命令、09が取消伝票である。",
        ),
        ("h2", "4. 事務の流れ"),
        (
            "p",
            "歳出予算の執行は、予算残額の確認、支出負担行為の起票及び決裁、契約又は発注、請求書の受付、支出命令の起票及び決裁、会計課の審査、支払の順に行う。"
            "各段階の操作は、第3章から第7章までで説明する。",
        ),
    ],
    [
        ("h1", "第2章　ログインとパスワード"),
        ("h2", "2-1 ログイン"),
        ("h3", "（1）ログイン画面を開く"),
        (
            "p",
            "デスクトップの「財務会計システム」アイコンをダブルクリックし、ログイン画面を表示する。",
        ),
        ("h3", "（2）職員番号とパスワードを入力する"),
        (
            "p",
            "ログインＩＤ欄に6桁の職員番号を、パスワード欄にパスワードを入力し、「ログイン」ボタンを押す。職員番号は職員証に記載されている。",
        ),
        ("h3", "（3）自動ログアウト"),
        (
            "p",
            "30分間操作を行わなかった場合は、セッションタイムアウトとなり自動的にログアウトされる。入力途中のデータは保存されないため、こまめに「一時保存」を押すこと。",
        ),
        ("h2", "2-2 パスワードの変更"),
        (
            "p",
            "パスワードの有効期限は90日である。期限が到来するとログイン時に変更画面が表示されるので、新しいパスワードを2回入力して「変更」を押す。",
        ),
        (
            "p",
            "パスワードは12文字以上とし、英大文字、英小文字、数字及び記号を組み合わせること。過去3回分と同じパスワードは設定できない。",
        ),
        ("h2", "2-3 パスワードを忘れた場合の再設定"),
        ("h3", "（1）再設定を申請する"),
        (
            "p",
            "ログイン画面の「パスワード再設定」を押し、職員番号と氏名を入力して「申請」を押す。申請は所属長に回付される。",
        ),
        ("h3", "（2）仮パスワードを受け取る"),
        (
            "p",
            "所属長が承認すると、情報政策課が仮パスワードを発行し、庁内メールで通知する。仮パスワードの有効期限は24時間である。",
        ),
        ("h3", "（3）新しいパスワードを設定する"),
        (
            "p",
            "仮パスワードでログインすると変更画面が表示されるので、2-2の要領で新しいパスワードを設定する。",
        ),
        ("h2", "2-4 アカウントロック"),
        (
            "p",
            "パスワードを5回連続して誤るとアカウントがロックされる。ロックは30分経過後に自動的に解除される。急ぎの場合は、情報政策課（内線2345）に解除を依頼すること。",
        ),
    ],
    [
        ("h1", "第3章　予算残額照会"),
        ("h2", "3-1 予算執行状況の照会"),
        ("h3", "（1）照会画面を開く"),
        ("p", "メニューの「照会」→「予算執行状況照会」を選択する。"),
        ("h3", "（2）検索条件を指定する"),
        (
            "p",
            "会計年度、所属及び予算科目（款、項、目、節）を指定して「検索」を押す。予算科目を省略した場合は、所属の全科目が表示される。",
        ),
        ("h3", "（3）照会結果を確認する"),
        (
            "p",
            "照会結果には、予算額、流用増減額、執行済額、予約額及び残額が表示される。執行済額は決裁済みの支出負担行為の合計額である。"
            "予約額は起票中又は回付中の伝票の合計額であり、残額は予算額に流用増減額を加え、執行済額及び予約額を差し引いた額である。",
        ),
        ("h2", "3-2 照会結果の出力"),
        (
            "p",
            "照会結果の画面で「CSV出力」を押すと、表示中の内容をCSVファイルとして保存できる。保存したファイルは表計算ソフトで開くことができる。",
        ),
        ("h2", "3-3 予算が不足する場合"),
        (
            "p",
            "残額が不足する予算科目では支出負担行為を起票できない。予算の流用又は補正が必要な場合は、事前に財政課（内線2150）に協議すること。"
            "流用が決定されると、流用増減額に反映される。",
        ),
    ],
    [
        ("h1", "第4章　支出負担行為"),
        ("h2", "4-1 支出負担行為の起票"),
        (
            "p",
            "支出負担行為は、契約の締結、発注その他支出の原因となる行為を行う前に起票し、決裁を受けなければならない。",
        ),
        ("h3", "（1）新規起票画面を開く"),
        ("p", "メニューの「歳出」→「支出負担行為」→「新規起票」を選択する。"),
        ("h3", "（2）基本情報を入力する"),
        (
            "p",
            "会計年度、予算科目、件名、金額及び契約方法（一般競争入札、指名競争入札、随意契約、単価契約等）を入力する。予算科目が不明な場合は「予算科目検索」を使用する。",
        ),
        ("h3", "（3）債権者を選択する"),
        (
            "p",
            "「債権者検索」で支払の相手方を選択する。債権者が登録されていない場合は、債権者登録申請書に振込先口座の確認書類を添えて会計課に提出する。登録は通常2営業日で完了する。",
        ),
        ("h3", "（4）予算残額を確認する"),
        (
            "p",
            "「予算残額確認」を押し、残額が不足していないことを確認する。不足している場合は保存時にエラーとなる。",
        ),
        ("h3", "（5）保存する"),
        (
            "p",
            "「保存」を押すと伝票番号が採番される。契約書、見積書等の関係書類は、電子ファイルとして添付する。",
        ),
        ("h2", "4-2 回付"),
        (
            "p",
            "「回付」を押し、決裁ルートを選択して回付する。決裁区分は金額に応じて自動的に設定され、50万円未満は課長、50万円以上300万円未満は部長、300万円以上は副市長の決裁となる。",
        ),
    ],
    [
        ("h1", "第5章　支出命令"),
        ("h2", "5-1 支出命令の起票"),
        (
            "p",
            "支出命令は、請求書を受け付けた後、決裁済みの支出負担行為に基づいて起票する。請求書を受け付けた日から30日以内に支払を行わなければならない。",
        ),
        ("h3", "（1）引用作成を行う"),
        (
            "p",
            "メニューの「歳出」→「支出命令」→「引用作成」を選択し、支出負担行為の伝票番号を指定する。件名、予算科目、債権者等の内容が引き継がれる。",
        ),
        ("h3", "（2）請求内容を入力する"),
        (
            "p",
            "請求書受付日、請求金額及び支払予定日を入力する。部分払の場合は、今回支払う金額を入力する。",
        ),
        ("h3", "（3）振込先を確認する"),
        (
            "p",
            "債権者の振込先口座が請求書の記載と一致していることを確認する。一致しない場合は、会計課に債権者情報の変更を申請する。",
        ),
        ("h3", "（4）保存及び回付"),
        (
            "p",
            "「保存」を押した後、「回付」を押して決裁を受ける。決裁後の伝票は会計課に送られ、審査を受ける。",
        ),
        ("h2", "5-2 支払日と提出期限"),
        (
            "p",
            "会計課の定例支払日は毎月5日、15日及び25日である。支出命令は、支払日の5営業日前までに会計課に到達するよう回付すること。"
            "請求書の原本は、伝票番号を記入して会計課に送付する。",
        ),
        (
            "p",
            "前年度の予算に係る支出は、出納整理期間である5月31日まで行うことができる。年度末の提出期限は、毎年会計課が通知する。",
        ),
    ],
    [
        ("h1", "第6章　伝票の修正・取消"),
        ("h2", "6-1 決裁前の伝票の修正"),
        ("p", "起票中又は回付中で決裁が完了していない伝票は、起票者が修正できる。"),
        ("h3", "（1）伝票を引き戻す"),
        (
            "p",
            "メニューの「伝票一覧」で対象の伝票を選択し、「引戻し」を押す。回付中の伝票は起票者の手元に戻る。",
        ),
        ("h3", "（2）修正して再回付する"),
        ("p", "内容を修正して「保存」を押し、再度「回付」を押す。"),
        ("h2", "6-2 差し戻された伝票の修正"),
        (
            "p",
            "決裁者又は会計課から差し戻された伝票は、「伝票一覧」の状態欄に「差戻し」と表示される。伝票を開くと差戻し理由が表示されるので、内容を修正して再度回付すること。",
        ),
        ("h2", "6-3 決裁後の伝票の取消"),
        (
            "p",
            "決裁が完了した伝票は修正できない。誤りがある場合は、対象の伝票を選択して「取消伝票作成」を押し、取消伝票を起票する。"
            "取消伝票は、元の伝票と同じ決裁ルートで決裁を受ける。必要に応じて、正しい内容で伝票を新たに起票する。",
        ),
        ("h2", "6-4 支払済みの伝票"),
        (
            "p",
            "支払が完了した伝票は取り消すことができない。過払い等により返納を受ける必要がある場合は、戻入の手続について会計課（内線2210）に相談すること。",
        ),
    ],
    [
        ("h1", "第7章　決裁ルートの設定"),
        ("h2", "7-1 個人ルートの設定"),
        ("p", "起票者ごとに、よく使う決裁ルートを個人ルートとして登録できる。"),
        ("h3", "（1）設定画面を開く"),
        ("p", "メニューの「共通」→「決裁ルート設定」を選択し、「個人ルート」タブを開く。"),
        ("h3", "（2）承認者を追加する"),
        (
            "p",
            "「承認者追加」を押し、係長、課長補佐等の承認者を順に選択する。合議が必要な場合は「合議先追加」で合議先の課を追加する。",
        ),
        ("h3", "（3）保存する"),
        ("p", "ルート名を入力して「保存」を押す。保存したルートは、回付時に選択できる。"),
        ("h2", "7-2 課ルートの設定"),
        ("p", "課内で共通して使用する決裁ルートは、課の文書取扱主任が「課ルート」タブで設定する。"),
        ("h2", "7-3 代理承認者の設定"),
        (
            "p",
            "決裁者が出張、休暇等で不在となる場合は、「代理承認者設定」で不在期間と代理承認者を登録する。登録した期間中は、回付された伝票が代理承認者に届く。",
        ),
        ("h2", "7-4 人事異動時の注意"),
        (
            "p",
            "職員情報は、4月1日に情報政策課が一括して更新する。ただし、個人ルートの承認者は自動的に変更されないため、異動後は個人ルートを確認し、承認者を差し替えること。",
        ),
    ],
    [
        ("h1", "第8章　エラーメッセージと問い合わせ先"),
        ("h2", "8-1 主なエラーメッセージ"),
        ("h3", "（1）E-101　予算残額が不足しています"),
        (
            "p",
            "選択した予算科目の残額が不足している。第3章の手順で残額を確認し、必要に応じて財政課に協議すること。",
        ),
        ("h3", "（2）E-205　債権者が登録されていません"),
        (
            "p",
            "支払の相手方が債権者として登録されていない。第4章4-1（3）の手順で登録を申請すること。",
        ),
        ("h3", "（3）E-310　セッションがタイムアウトしました"),
        ("p", "30分間操作がなかったため、自動的にログアウトされた。再度ログインすること。"),
        ("h3", "（4）E-402　決裁ルートが設定されていません"),
        (
            "p",
            "回付しようとした伝票に決裁ルートが選択されていない。第7章の手順でルートを設定すること。",
        ),
        ("h2", "8-2 問い合わせ先"),
        (
            "p",
            "システムの操作、ログイン及びパスワードに関することは情報政策課（内線2345）に問い合わせること。",
        ),
        (
            "p",
            "会計処理、債権者登録及び支払に関することは会計課（内線2210）に、予算の流用及び予算科目に関することは財政課（内線2150）に問い合わせること。",
        ),
        ("p", "問い合わせの際は、画面に表示されたエラー番号及び伝票番号を伝えること。"),
    ],
]

TOC_LINES = [
    ("第1章　はじめに", 3),
    ("第2章　ログインとパスワード", 4),
    ("第3章　予算残額照会", 5),
    ("第4章　支出負担行為", 6),
    ("第5章　支出命令", 7),
    ("第6章　伝票の修正・取消", 8),
    ("第7章　決裁ルートの設定", 9),
    ("第8章　エラーメッセージと問い合わせ先", 10),
]


class ManualPdf(FPDF):
    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font("gothic", size=8)
        self.set_text_color(100)
        self.cell(0, 6, f"{TITLE}（{EDITION}）", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0)
        self.ln(4)

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_y(-15)
        self.set_font("gothic", size=9)
        self.cell(0, 10, f"- {self.page_no()} -", align="C")


def _block(pdf: ManualPdf, kind: str, text: str) -> None:
    if kind == "h1":
        pdf.set_font("gothic", size=16)
        pdf.multi_cell(0, 10, text, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(4)
    elif kind == "h2":
        pdf.ln(2)
        pdf.set_font("gothic", size=13)
        pdf.multi_cell(0, 8, text, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)
    elif kind == "h3":
        pdf.set_font("gothic", size=11)
        pdf.multi_cell(0, 7, text, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    else:
        pdf.set_font("mincho", size=10.5)
        width = pdf.w - pdf.l_margin - pdf.r_margin - 4
        for line in _wrap_kinsoku(pdf, "　" + text, width):
            pdf.set_x(pdf.l_margin + 4)
            pdf.cell(width, 6.2, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1.5)


_NO_LINE_START = set("。、，．）」』・ー")


def _wrap_kinsoku(pdf: ManualPdf, text: str, width_mm: float) -> list[str]:
    """Break Japanese text by characters, never starting a line with 。、）」 (禁則処理)."""
    lines: list[str] = []
    current = ""
    for char in text:
        if (
            current
            and pdf.get_string_width(current + char) > width_mm
            and char not in _NO_LINE_START
        ):
            lines.append(current)
            current = ""
        current += char
    if current:
        lines.append(current)
    return lines


def build(font_dir: Path) -> ManualPdf:
    pdf = ManualPdf(format="A4")
    pdf.set_margins(22, 18, 22)
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.add_font("gothic", fname=str(font_dir / "ipaexfont-gothic/ipaexg.ttf"))
    pdf.add_font("mincho", fname=str(font_dir / "ipaexfont-mincho/ipaexm.ttf"))
    pdf.set_title(TITLE)
    pdf.set_author("みどり市会計課・情報政策課")
    pdf.set_creation_date(dt.datetime(2024, 4, 1, 9, 0, tzinfo=dt.UTC))  # reproducible output

    # Title page.
    pdf.add_page()
    pdf.set_y(80)
    pdf.set_font("gothic", size=26)
    pdf.cell(0, 16, "みどり市", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.cell(0, 16, TITLE, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("gothic", size=14)
    pdf.ln(6)
    pdf.cell(0, 10, "歳出予算執行編", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(200)
    pdf.set_font("mincho", size=12)
    for line in (EDITION, "令和6年4月", "みどり市会計課・情報政策課"):
        pdf.cell(0, 9, line, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    # Table of contents and revision history.
    pdf.add_page()
    pdf.set_font("gothic", size=16)
    pdf.cell(0, 10, "目次", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    pdf.set_font("mincho", size=11)
    for heading, page in TOC_LINES:
        pdf.cell(140, 8, heading)
        pdf.cell(0, 8, str(page), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(8)
    pdf.set_font("gothic", size=13)
    pdf.cell(0, 8, "改訂履歴", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("mincho", size=10.5)
    for line in (
        "第1.0版　令和4年4月　新システムの稼働に合わせて作成した。",
        "第2.0版　令和5年4月　決裁ルートの設定及び代理承認者の設定の手順を追加した。",
        "第2.1版　令和6年4月　パスワードの要件を12文字以上に改め、エラーメッセージの一覧を追加した。",
    ):
        pdf.multi_cell(0, 7, line, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    for chapter in CHAPTERS:
        pdf.add_page()
        for kind, text in chapter:
            _block(pdf, kind, text)
    return pdf


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--font-dir", type=Path, default=DEFAULT_FONT_DIR)
    args = parser.parse_args()
    pdf = build(args.font_dir)
    expected_pages = 2 + len(CHAPTERS)
    if pdf.pages_count != expected_pages:
        raise SystemExit(
            f"a chapter overflowed its page: {pdf.pages_count} pages, expected {expected_pages}"
        )
    OUT_PATH.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(OUT_PATH))
    print(f"wrote {OUT_PATH} ({pdf.pages_count} pages)")


if __name__ == "__main__":
    main()
