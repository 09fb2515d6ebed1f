"""Ingest throughput against the model's own: `make bench-ingest`.

In one run, on the same texts:
  (a) model     the configured embedding model alone, passages in batches (the texts
                `chonai ingest` embeds: title + caption + article, article granularity)
  (b) ingest    `chonai ingest` end to end in a fresh process and data dir (start-up, parsing,
                embedding, term index, store and catalog writes), peak RSS from the kernel
Each pair runs with 1 and with 2 model threads (`--workers`), (a) right before (b) so machine
load hits both alike; the 1-minute load average is printed beside every figure. Then the whole
corpus (six e-Gov laws + the municipal 例規 HTML) is ingested once, one 条 of one law is
amended in the copy, and the folder is ingested again (incremental).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from eval.bench.docsection import replace_section

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SHARED = REPO.parent / "shared" / "datasets"
PAIR_LAWS = ("322AC0000000049_rodo_kijun_ho.xml", "405AC0000000088_gyosei_tetsuzuki_ho.xml")


def corpus(shared: Path, *, full: bool, small: bool = False) -> list[Path]:
    """The pair set (two e-Gov laws, or with `small` one law and the 例規 HTML: 134 chunks,
    for a busy machine) or the whole corpus."""
    laws = shared / "egov_law_xml"
    reiki = sorted((shared / "municipal_reiki_html").glob("*/*.html"))
    if not full:
        return [laws / PAIR_LAWS[1], *reiki] if small else [laws / name for name in PAIR_LAWS]
    return sorted(laws.glob("*.xml")) + reiki


def passages(files: list[Path]) -> list[str]:
    from index.indexer import passage_text
    from ingest.granularity import regroup
    from ingest.pipeline import load_file

    texts: list[str] = []
    for path in files:
        doc = regroup(load_file(path).document, "article")
        texts.extend(passage_text(doc.title, c) for c in doc.chunks)
    return texts


def load1() -> float:
    return round(os.getloadavg()[0], 2)


def model_pass(files: list[Path], threads: int) -> dict[str, Any]:
    """(a) in a child process, so the model's thread count takes effect from its first load."""
    code = (
        "import json,sys,time\n"
        "from pathlib import Path\n"
        "from eval.bench.ingest import passages\n"
        "from core.settings import Settings\n"
        "from index.embedders import build_embedder\n"
        "from index.indexer import UPSERT_BATCH\n"
        "files=[Path(p) for p in sys.argv[2:]]\n"
        "texts=passages(files)\n"
        "s=Settings(_env_file=None)\n"
        "e=build_embedder(s.embedding, batch_size=s.embedding_batch_size,"
        " threads=int(sys.argv[1]))\n"
        "e.embed_passages(texts[:8])\n"  # load and warm the model outside the clock
        "t=time.perf_counter()\n"
        "for i in range(0,len(texts),UPSERT_BATCH): e.embed_passages(texts[i:i+UPSERT_BATCH])\n"
        "dt=time.perf_counter()-t\n"
        "print(json.dumps({'chunks':len(texts),'s':dt,"
        "'chars':sum(map(len,texts))/len(texts)}))\n")
    before = load1()
    out = subprocess.run([sys.executable, "-c", code, str(threads), *map(str, files)],
                         cwd=REPO, capture_output=True, text=True, check=True,
                         env=_env()).stdout
    row = json.loads(out.strip().splitlines()[-1])
    row.update(threads=threads, per_s=row["chunks"] / row["s"], load=(before, load1()))
    return row


def ingest_pass(paths: list[Path], data_dir: Path, threads: int) -> dict[str, Any]:
    """(b) `chonai ingest` as a user runs it; wall time includes start-up and model load."""
    before = load1()
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "api.cli", "ingest", *map(str, paths),
                             "--data-dir", str(data_dir), "--json", "--workers", str(threads)],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, env=_env())
    out = proc.stdout.read() if proc.stdout else ""
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"chonai ingest failed ({status}): {out[-500:]}")
    report = json.loads(out)
    written = report["chunks"]
    return {"threads": threads, "chunks": written, "s": elapsed,
            "per_s": written / elapsed if written else None, "rss_mb": usage.ru_maxrss / 1024,
            "load": (before, load1()), "report": report}


def amend_one_article(law: Path) -> str:
    """Reword the first sentence of 第二条 (as an 改正 would) and return what changed."""
    text = law.read_text("utf-8")
    match = re.search(r'<Article Num="2">.*?<Sentence[^>]*>([^<]{8,})</Sentence>', text, re.S)
    if match is None:
        raise SystemExit(f"no 第二条 sentence found in {law}")
    old = match.group(1)
    new = old.rstrip("。") + "（令和八年改正）。"
    law.write_text(text[:match.start(1)] + new + text[match.end(1):], "utf-8")
    return f"{old[:30]}… → …（令和八年改正）。"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("CHONAI_DATA_DIR", None)
    return env


def run(shared: Path, *, threads: list[int], full: bool, small: bool = False
        ) -> dict[str, Any]:
    pair = corpus(shared, full=False, small=small)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="chonai-bench-ingest-") as tmp:
        for n in threads:
            a = model_pass(pair, n)
            b = ingest_pass(pair, Path(tmp) / f"pair-{n}", n)
            rows.append({"threads": n, "model": a, "ingest": b,
                         "ratio": (b["per_s"] or 0) / a["per_s"]})
            _print_pair(rows[-1])
        result: dict[str, Any] = {"pair_files": [p.name for p in pair], "pairs": rows}
        # the whole corpus (or, with --no-full, the pair set again), then one 条 amended
        folder = Path(tmp) / "city"
        folder.mkdir()
        files = corpus(shared, full=True, small=small) if full else pair
        for path in files:
            shutil.copy(path, folder / f"{path.parent.name}-{path.name}")
        n = max(threads)
        whole = ingest_pass([folder], Path(tmp) / "city-var", n)
        print(f"{'whole corpus' if full else 'pair set'} ({len(files)} files): "
              f"{whole['chunks']} chunks in "
              f"{whole['s']:.1f} s = {whole['per_s']:.1f}/s, peak RSS "
              f"{whole['rss_mb']:.0f} MB, {n} threads, load {whole['load']}", flush=True)
        law = folder / "egov_law_xml-405AC0000000088_gyosei_tetsuzuki_ho.xml"
        change = amend_one_article(law)
        again = ingest_pass([folder], Path(tmp) / "city-var", n)
        (amended,) = [r for r in again["report"]["results"] if r["status"] == "replaced"]
        print(f"incremental: {change} re-ingest of the folder {again['s']:.1f} s, "
              f"units {amended['units']}, load {again['load']}", flush=True)
        whole.pop("report")
        result.update(whole=dict(whole, files=len(files), threads=n, full=full),
                      incremental={"s": again["s"], "units": amended["units"],
                                   "load": again["load"], "change": change,
                                   "unchanged_files": sum(
                                       r["status"] == "unchanged"
                                       for r in again["report"]["results"])})
    for row in rows:
        row["ingest"].pop("report", None)
    return result


def _print_pair(row: dict[str, Any]) -> None:
    a, b = row["model"], row["ingest"]
    print(f"threads={row['threads']}: (a) model {a['per_s']:.1f} chunks/s "
          f"({a['chunks']} chunks, avg {a['chars']:.0f} chars, load {a['load']}); "
          f"(b) chonai ingest {b['per_s']:.1f} chunks/s ({b['s']:.1f} s, peak RSS "
          f"{b['rss_mb']:.0f} MB, load {b['load']}); (b)/(a) = {row['ratio']:.2f}", flush=True)


START = "<!-- bench-ingest:start -->"
END = "<!-- bench-ingest:end -->"


def render(result: dict[str, Any]) -> str:
    """The docs/BENCHMARKS.md section: one table, load beside each figure."""
    lines = [START, "## Ingest throughput (issue 19)", "",
             f"`make bench-ingest` — {result.get('date_utc', '?')} UTC, {result.get('cpus', '?')} "
             "CPUs shared with other jobs (1-minute load average before/after each figure). "
             "(a) is the model alone on the passages `chonai ingest` embeds (article "
             "granularity, batches of 64); (b) is `chonai ingest` end to end in a fresh process "
             "and data dir, wall clock from process start. "
             f"Pair: {', '.join(result['pair_files'])}.", "",
             "| measure | threads | result | load |", "|---|---|---|---|"]
    for row in result["pairs"]:
        a, b = row["model"], row["ingest"]
        lines.append(f"| (a) model alone | {row['threads']} | {a['per_s']:.1f} chunks/s "
                     f"({a['chunks']} chunks, avg {a['chars']:.0f} chars) | {a['load']} |")
        lines.append(f"| (b) `chonai ingest` | {row['threads']} | {b['per_s']:.1f} chunks/s "
                     f"({b['s']:.1f} s), peak RSS {b['rss_mb']:.0f} MB | {b['load']} |")
        lines.append(f"| (b)/(a) | {row['threads']} | **{row['ratio']:.2f}** | |")
    if len(result["pairs"]) >= 2:
        one, two = sorted(result["pairs"], key=lambda r: r["threads"])[::len(result["pairs"]) - 1]
        lines.append(f"| scaling {one['threads']}→{two['threads']} threads, (b) | | "
                     f"{two['ingest']['per_s'] / one['ingest']['per_s']:.2f}× | |")
    whole = result.get("whole")
    if whole:
        threads = whole.get("threads", "?")
        name = "six e-Gov laws + 例規 HTML" if whole.get("full", True) else "pair set again"
        lines.append(f"| {name} ({whole['files']} files), (b) | "
                     f"{threads} | {whole['chunks']} chunks in {whole['s']:.0f} s = "
                     f"{whole['per_s']:.1f} chunks/s, peak RSS {whole['rss_mb']:.0f} MB | "
                     f"{whole['load']} |")
    inc = result.get("incremental")
    if inc:
        lines.append(f"| incremental: one 条 amended, folder re-ingested | | {inc['s']:.1f} s "
                     f"(units {inc['units']}; {inc['unchanged_files']} files unchanged) | "
                     f"{inc['load']} |")
    lines += ["", END]
    return "\n".join(lines)


def update_doc(path: Path, section: str) -> None:
    """Replace this benchmark's own section (between the markers) or append it."""
    replace_section(path, section, START, END)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--threads", default="1,2", help="model threads to compare")
    parser.add_argument("--no-full", dest="full", action="store_false",
                        help="time the pair set instead of the whole corpus (and amend it)")
    parser.add_argument("--small", action="store_true",
                        help="pair set: 行政手続法 + the 例規 HTML (134 chunks) instead of two "
                        "laws (386 chunks), for a busy machine")
    parser.add_argument("--json", type=Path, default=REPO / "var" / "bench" / "ingest.json")
    parser.add_argument("--doc", type=Path, help="replace the section in this Markdown file")
    parser.add_argument("--from-json", type=Path, help="only render --doc from an earlier run")
    args = parser.parse_args(argv)
    if args.from_json:
        result = json.loads(args.from_json.read_text("utf-8"))
        if args.doc:
            update_doc(args.doc, render(result))
        print(render(result))
        return 0
    if not (args.shared / "egov_law_xml").is_dir():
        print(f"bench-ingest: {args.shared}/egov_law_xml not found", file=sys.stderr)
        return 2
    result = run(args.shared, threads=[int(t) for t in args.threads.split(",")],
                 full=args.full, small=args.small)
    result.update(date_utc=time.strftime("%Y-%m-%d %H:%M", time.gmtime()), cpus=os.cpu_count())
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1))
    if args.doc:
        update_doc(args.doc, render(result))
    print(render(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
