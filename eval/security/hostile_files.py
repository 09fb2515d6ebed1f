"""A corpus of hostile and broken input files, written programmatically, plus a few good ones.

Each `HostileFile` says what it is and the reason a person should read when it is refused, so
`eval.security.files` and `tests/eval/security` can check that the error is the right one, not just
any error. Some names (NUL, `../`) cannot exist on a file system: those are API upload names.
"""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE_CORPUS = REPO / "data" / "sample" / "corpus"
SAMPLE_PDF = SAMPLE_CORPUS / "財務会計システム操作手順書.pdf"
SAMPLE_XLSX = SAMPLE_CORPUS / "財務会計システムFAQ.xlsx"

BIG_FILE_BYTES = 200 * 10**6  # the "200 MB file": sparse, so it costs no disk
PDF_PASSWORD = "hunter2-庁内"

GOOD_REGULATION_TITLE = "みどり市庁舎駐車場管理要領"
GOOD_REGULATION = f"""{GOOD_REGULATION_TITLE}
令和六年四月一日
総務課長決定

（趣旨）
第一条　この要領は、市庁舎駐車場の管理に関し必要な事項を定めるものとする。

（利用時間）
第二条　駐車場の利用時間は、午前八時から午後九時までとする。
２　公用車の駐車区画は、総務課長が指定する。
"""
GOOD_FAQ = """ID,分類,質問,回答,担当課,更新日
PK-001,駐車場,来庁者用駐車場は何時から使えますか。,午前八時から午後九時まで利用できます。,総務課,2024/04/01
PK-002,駐車場,職員は庁舎駐車場を使えますか。,公用車と許可を受けた車両に限り利用できます。,総務課,2024/04/01
"""
GOOD_MANUAL_MD = """# 会議室予約システム操作手順

## 予約の登録

予約画面で日付と会議室を選び、登録ボタンを押します。

## 予約の取消

予約一覧から該当する予約を選び、取消ボタンを押します。
"""


@dataclass(frozen=True, slots=True)
class HostileFile:
    """One input: `path` on disk (None for names no file system holds) and the upload name.

    `reason` is a lower-case substring the refusal must contain; `good` files must get in.
    `cli`/`api` say which routes take it (a traversal name means nothing to the CLI).
    """

    label: str
    what: str
    path: Path | None
    upload_name: str
    reason: str = ""
    good: bool = False
    cli: bool = True
    api: bool = True
    big: bool = False  # the sparse 200 MB file: read only by what must refuse it on size


def _pdf(objects: list[bytes]) -> bytes:
    """A minimal, valid PDF from object bodies (object 1 is the catalog), xref computed."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
            .encode())
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< " + extra + f" /Length {len(data)} >>\nstream\n".encode() + data + \
        b"\nendstream"


def image_only_pdf() -> bytes:
    """One page holding a gray 16x16 raster and no text: what a scanner produces."""
    pixels = bytes((x * 16 + y) % 256 for x in range(16) for y in range(16))
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
        _stream(b"q 400 0 0 400 97 221 cm /Im1 Do Q"),
        _stream(pixels, b"/Type /XObject /Subtype /Image /Width 16 /Height 16 "
                b"/ColorSpace /DeviceGray /BitsPerComponent 8"),
    ])


def flate_bomb_pdf(inflated_bytes: int = 400 * 2**20) -> bytes:
    """A text page whose content stream inflates to `inflated_bytes` (about 1000:1)."""
    compressor = zlib.compressobj(9)
    block = b"(A) Tj " * (2**20 // 7)
    parts = [compressor.compress(b"BT /F1 12 Tf 72 720 Td ")]
    for _ in range(inflated_bytes // len(block)):
        parts.append(compressor.compress(block))
    parts.append(compressor.compress(b"ET"))
    parts.append(compressor.flush())
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        _stream(b"".join(parts), b"/Filter /FlateDecode"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def encrypted_pdf(source: bytes, password: str = PDF_PASSWORD) -> bytes:
    """The sample manual, AES-256 encrypted with a user password nobody gave us."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(source)))
    writer.encrypt(user_password=password, owner_password=password + "-owner",
                   algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


_CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns='
                  b'"http://schemas.openxmlformats.org/package/2006/content-types"/>')


def ratio_bomb(part: str, inflated_bytes: int = 64 * 2**20) -> bytes:
    """An xlsx/docx-shaped zip whose `part` is `inflated_bytes` of zeros (about 1000:1)."""
    return _zip({"[Content_Types].xml": _CONTENT_TYPES, part: b"\0" * inflated_bytes})


def declared_size_bomb(part: str, declared_bytes: int = 8 * 2**30) -> bytes:
    """A zip whose central directory claims an 8 GiB member (ZIP64); the data is tiny."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr(part, b"<x/>" * 64)
        archive.getinfo(part).file_size = declared_bytes  # written into the directory on close
    return out.getvalue()


def _understate(data: bytes, name: str, declared_bytes: int) -> bytes:
    """Overwrite member `name`'s uncompressed size in its local and central headers."""
    out = bytearray(data)
    for signature, size_at, name_len_at, name_at in ((b"PK\x03\x04", 22, 26, 30),
                                                     (b"PK\x01\x02", 24, 28, 46)):
        index = out.find(signature)
        while index != -1:
            name_len = int.from_bytes(out[index + name_len_at:index + name_len_at + 2], "little")
            if bytes(out[index + name_at:index + name_at + name_len]) == name.encode():
                out[index + size_at:index + size_at + 4] = declared_bytes.to_bytes(4, "little")
            index = out.find(signature, index + 4)
    return bytes(out)


def lying_size_bomb(part: str, declared_bytes: int = 4096,
                    inflated_bytes: int = 64 * 2**20) -> bytes:
    """Headers claim a small member; its deflate stream really inflates to `inflated_bytes`.

    The screen passes it (declared sizes look harmless); the reader must still stop at the
    declared size and fail the CRC, not inflate everything.
    """
    return _understate(ratio_bomb(part, inflated_bytes), part, declared_bytes)


def xlsx_with_lying_sheet(source: bytes, declared_bytes: int = 4096) -> bytes:
    """The sample FAQ workbook with its first sheet padded to 64 MiB but declared 4 KiB."""
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    sheet = next(n for n in sorted(members) if n.startswith("xl/worksheets/sheet"))
    members[sheet] = members[sheet] + b"<!--" + b" " * (64 * 2**20) + b"-->"
    return _understate(_zip(members), sheet, declared_bytes)


def docx_with_entity(target: str = "file:///etc/passwd") -> bytes:
    """A docx whose document.xml declares an external entity and uses it in the body."""
    from docx import Document

    document = Document()
    document.add_paragraph("第一条　PLACEHOLDER")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    xml = members["word/document.xml"].decode("utf-8")
    head, _, body = xml.partition("?>")
    root_tag = body.lstrip().split()[0].lstrip("<")
    doctype = f'<!DOCTYPE {root_tag} [<!ENTITY xxe SYSTEM "{target}">]>'
    members["word/document.xml"] = (head + "?>" + doctype + body).replace(
        "PLACEHOLDER", "&xxe;").encode("utf-8")
    return _zip(members)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE Law [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Law><LawBody><LawTitle>&lol9;</LawTitle></LawBody></Law>
"""

XXE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE Law [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Law Era="Reiwa" Year="6" Num="1" LawType="Ordinance" Lang="ja"><LawNum>x</LawNum>
<LawBody><LawTitle>&xxe;</LawTitle><MainProvision><Article Num="1"><ArticleTitle>第一条
</ArticleTitle><Paragraph Num="1"><ParagraphSentence><Sentence>&xxe;</Sentence>
</ParagraphSentence></Paragraph></Article></MainProvision></LawBody></Law>
""".encode()

XXE_PARAMETER = b"""<?xml version="1.0"?>
<!DOCTYPE Law [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>
<Law><LawBody><LawTitle>x</LawTitle></LawBody></Law>
"""

MIXED_ENCODING_CSV = (
    "ID,質問,回答\n".encode()
    + "1,年休は何日ですか。,二十日です。\n".encode()
    + "2,旅費の精算は？,出張後一週間以内に精算します。\n".encode("cp932")
)
BROKEN_QUOTING_CSV = (
    "ID,質問,回答\n"
    '1,"年休は何日ですか。,二十日です。\n'
    "2,旅費の精算は？,出張後一週間以内に精算します。\n"
    "3,公印の管理者は？,総務課長です。\n"
).encode()
NUL_CSV = "ID,質問,回答\n1,年休は何日ですか。,二十日\0です。\n".encode()


def write_hostile_corpus(folder: Path, *, big: bool = True) -> list[HostileFile]:
    """Write every bad file (and three good ones) under `folder`; returns them in order.

    `big=False` leaves out the sparse 200 MB file (it is refused before being read, but an API
    upload of it still sends 200 MB through the test client).
    """
    folder.mkdir(parents=True, exist_ok=True)
    files: list[HostileFile] = []

    def add(label: str, what: str, name: str, data: bytes | None, reason: str, *,
            cli: bool = True, api: bool = True, upload_name: str | None = None,
            good: bool = False) -> None:
        path = None
        if data is not None:
            path = folder / name
            path.write_bytes(data)
        files.append(HostileFile(label, what, path, upload_name or name, reason.lower(),
                                 good=good, cli=cli, api=api))

    pdf = SAMPLE_PDF.read_bytes()
    add("pdf-encrypted", "PDF encrypted (AES-256) with a password we do not have",
        "encrypted.pdf", encrypted_pdf(pdf), "password")
    add("pdf-no-text", "PDF with one scanned image and no text layer",
        "scan.pdf", image_only_pdf(), "no text layer")
    add("pdf-truncated", "PDF cut off at 40% (no xref, no trailer)",
        "truncated.pdf", pdf[: len(pdf) * 2 // 5], "pdf")
    add("pdf-flate-bomb", "PDF whose content stream inflates 1000:1 to 400 MiB",
        "flate-bomb.pdf", flate_bomb_pdf(), "pdf")
    add("xml-billion-laughs", "XML with nested entity expansion (billion laughs)",
        "laughs.xml", BILLION_LAUGHS, "not accepted")
    add("xml-xxe", "XML with an external entity reading file:///etc/passwd",
        "xxe.xml", XXE, "not accepted")
    add("xml-xxe-parameter", "XML with an external parameter entity (remote DTD)",
        "xxe-param.xml", XXE_PARAMETER, "not accepted")
    add("xlsx-ratio-bomb", "xlsx zip: 64 MiB of zeros at about 1000:1",
        "bomb.xlsx", ratio_bomb("xl/worksheets/sheet1.xml"), "zip bomb")
    add("xlsx-declared-bomb", "xlsx zip whose header declares an 8 GiB sheet",
        "declared.xlsx", declared_size_bomb("xl/worksheets/sheet1.xml"), "zip bomb")
    add("xlsx-lying-size", "xlsx whose sheet claims 4 KiB but inflates to 64 MiB",
        "lying.xlsx", xlsx_with_lying_sheet(SAMPLE_XLSX.read_bytes()), "xlsx")
    add("docx-ratio-bomb", "docx zip: 64 MiB of zeros at about 1000:1",
        "bomb.docx", ratio_bomb("word/document.xml"), "zip bomb")
    add("docx-declared-bomb", "docx zip whose header declares an 8 GiB document.xml",
        "declared.docx", declared_size_bomb("word/document.xml"), "zip bomb")
    add("docx-lying-size", "docx whose document.xml claims 4 KiB but inflates to 64 MiB",
        "lying.docx", lying_size_bomb("word/document.xml"), "docx")
    add("docx-xxe", "docx whose document.xml declares an external entity (/etc/passwd)",
        "xxe.docx", docx_with_entity(), "docx")
    add("csv-mixed-encoding", "CSV with UTF-8 and cp932 lines mixed",
        "mixed.csv", MIXED_ENCODING_CSV, "mixed")
    add("csv-broken-quoting", "CSV with an unterminated quoted field",
        "quoting.csv", BROKEN_QUOTING_CSV, "quote")
    add("csv-nul", "CSV with a NUL byte inside a cell",
        "nul.csv", NUL_CSV, "nul")
    add("empty", "0-byte file", "empty.txt", b"", "empty file")
    add("whitespace", "file of blanks and newlines only", "blank.txt", b" \n\r\n\t \n",
        "empty file")
    add("ext-pdf-as-csv", "a PDF named .csv", "manual.csv", pdf, "pdf")
    add("ext-csv-as-pdf", "a CSV named .pdf", "faq.pdf", GOOD_FAQ.encode(), "not a pdf")
    add("ext-exe-as-docx", "a Windows executable named .docx", "setup.docx",
        b"MZ\x90\x00\x03" + os.urandom(4096), "executable")
    add("ext-zip-as-txt", "an xlsx named .txt", "sheet.txt", SAMPLE_XLSX.read_bytes(), "zip")
    add("ext-unknown", "an .exe", "setup.exe", b"MZ\x90\x00" + b"\0" * 512, "unknown format")
    add("binary-as-txt", "random bytes named .txt", "noise.txt",
        bytes(range(256)) * 64 + os.urandom(8192), "")
    if big:
        big_path = folder / "huge.txt"
        with big_path.open("wb") as out:  # sparse: no disk blocks, reads back as zeros
            out.truncate(BIG_FILE_BYTES)
        files.append(HostileFile("big-200mb", "200 MB file (sparse)", big_path, "huge.txt",
                                 "limit", big=True))
    control = "bad\x1bname\x07.txt"
    try:
        (folder / control).write_bytes(GOOD_REGULATION.encode())
        control_path: Path | None = folder / control
    except OSError:  # file systems that refuse control characters
        control_path = None
    files.append(HostileFile("name-control-chars", "file name with ESC and BEL characters",
                             control_path, control, "control character",
                             cli=control_path is not None))
    traversal_data = folder / "traversal-payload.txt"
    traversal_data.write_bytes(GOOD_REGULATION.encode())
    for label, name in (("name-traversal", "../../../etc/cron.d/chonai.txt"),
                        ("name-traversal-windows", "..\\..\\Windows\\win.ini.txt"),
                        ("name-nul", "good.txt\x00.exe"),
                        ("name-newline", "good\nname.txt"),
                        ("name-too-long", "あ" * 300 + ".txt")):
        files.append(HostileFile(label, f"upload name {name[:40]!r}", traversal_data, name,
                                 "file name", cli=False))
    add("good-regulation-cp932", "good: a regulation in Shift_JIS", "good-regulation.txt",
        GOOD_REGULATION.encode("cp932"), "", good=True)
    add("good-faq", "good: a three-column FAQ CSV", "good-faq.csv", GOOD_FAQ.encode(), "",
        good=True)
    add("good-manual", "good: a Markdown manual", "good-manual.md", GOOD_MANUAL_MD.encode(),
        "", good=True)
    return files
