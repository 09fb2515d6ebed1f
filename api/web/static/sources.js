// 庁内QA page, sources: the document cards (種類・例規番号・施行日・版・所管課・最終更新), the
// original file (a manual's PDF at the cited page), 新旧対照, and the owners' controls on a card
// (new version, 所管課・連絡先, delete).
"use strict";

const fileUrl = (id, { page, download } = {}) =>
  `/api/documents/${encodeURIComponent(id)}/file${download ? "?download=1" : ""}${page ? "#page=" + page : ""}`;

function audience(departments) {
  const named = departments.filter((x) => x !== "*");
  return departments.includes("*") || !named.length ? "全職員" : named.join("、");
}

function day(iso) { return iso ? iso.slice(0, 10) : "－"; }

// versions are numbered in the order they were registered: 第2版（2026-04-01登録）
function versionNumber(d, version) {
  const i = (d.versions ?? []).findIndex((v) => v.version === version);
  return i >= 0 ? `第${i + 1}版` : "版";
}

function versionText(d) {
  if (!d.version) return "－";
  const v = (d.versions ?? []).find((x) => x.version === d.version);
  return `${versionNumber(d, d.version)}${v ? `（${day(v.ingested_at)}登録）` : ""}${d.version_count > 1 ? `・全${d.version_count}版` : ""}`;
}

function cardFacts(d) {
  return [
    ["種類", d.kind_ja],
    [d.kind === "law" ? "法令番号" : "例規番号", d.number || "－"],
    ["施行日", day(d.effective_date)],
    ...(d.promulgation_date ? [[d.kind === "law" ? "公布日" : "制定日", day(d.promulgation_date)]] : []),
    ["版", versionText(d)],
    ["所管課", d.owner_department || "未設定"],
    ["最終更新", day(d.updated_at)],
  ];
}

// the dialog a citation opens: its document's facts and, for a manual, the original PDF at the page
window.citationSource = async (c) => {
  const r = await api(`/api/documents/${encodeURIComponent(c.document_id)}/card`);
  if (!r.ok) return;
  const d = r.data;
  $("doc-meta").textContent = cardFacts(d).filter(([, v]) => v && v !== "－").map(([k, v]) => `${k}: ${v}`).join("　");
  const links = [];
  if (d.has_original) {
    if (c.page) links.push(el("a", { href: fileUrl(d.document_id, { page: c.page }), target: "_blank", rel: "noopener",
                                     id: "open-original" }, `原本（PDF）の${c.page}ページを開く`));
    else links.push(el("a", { href: fileUrl(d.document_id), target: "_blank", rel: "noopener", id: "open-original" }, "原本を開く"));
    links.push(el("a", { href: fileUrl(d.document_id, { download: true }), download: "", id: "download-original" }, "原本をダウンロード"));
  }
  $("doc-links").replaceChildren(...links);
};

async function showText(d) {
  $("doc-h").textContent = d.title;
  $("doc-meta").textContent = cardFacts(d).map(([k, v]) => `${k}: ${v}`).join("　");
  $("doc-links").replaceChildren(...(d.has_original
    ? [el("a", { href: fileUrl(d.document_id), target: "_blank", rel: "noopener" }, "原本を開く"),
       el("a", { href: fileUrl(d.document_id, { download: true }), download: "" }, "原本をダウンロード")] : []));
  $("doc-body").replaceChildren(el("p", {}, "読み込んでいます…"));
  $("doc-dialog").showModal();
  const r = await api(`/api/documents/${encodeURIComponent(d.document_id)}/text`);
  if (!r.ok) { $("doc-body").replaceChildren(el("p", {}, errorText(r))); return; }
  $("doc-body").replaceChildren(...r.data.chunks.map((x) => el("div", { class: "chunk" },
    el("p", { class: "label" }, `${x.label || (x.page ? x.page + "ページ" : "")}${x.caption ? "（" + x.caption + "）" : ""}`),
    el("p", { class: "pre" }, x.question ? `Q. ${x.question}\nA. ${x.answer ?? x.text}` : x.text))));
}

async function showDiff(d) {
  $("doc-h").textContent = `新旧対照: ${d.title}`;
  $("doc-meta").textContent = "";
  $("doc-links").replaceChildren();
  $("doc-body").replaceChildren(el("p", {}, "読み込んでいます…"));
  $("doc-dialog").showModal();
  const r = await api(`/api/documents/${encodeURIComponent(d.document_id)}/diff`);
  if (!r.ok) { $("doc-body").replaceChildren(el("p", {}, errorText(r))); return; }
  const x = r.data;
  const STATUS = { added: "新設", changed: "改正", removed: "削除" };
  $("doc-meta").textContent = `旧: ${versionNumber(d, x.old)} → 新: ${versionNumber(d, x.new)}　改正 ${x.counts.changed}・新設 ${x.counts.added}・削除 ${x.counts.removed}`;
  if (!x.units.length) { $("doc-body").replaceChildren(el("p", {}, "本文に違いはありません。")); return; }
  $("doc-body").replaceChildren(...x.units.map((u) => el("section", { class: `diff diff-${u.status}` },
    el("h3", {}, `${u.label}　`, el("span", { class: "badge" }, STATUS[u.status])),
    el("p", { class: "pre" }, u.ops.map(([op, t]) => op === "=" ? t
      : el(op === "+" ? "ins" : "del", { "aria-label": op === "+" ? "追加" : "削除" }, t))))));
}

function cardNode(d, { manage = false } = {}) {
  const facts = el("dl", { class: "facts" }, cardFacts(d).flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  const actions = [
    el("button", { type: "button", class: "secondary", onclick: () => showText(d), "aria-label": `${d.title}の本文を見る` }, "本文を見る"),
    d.version_count > 1 ? el("button", { type: "button", class: "secondary diff-open", onclick: () => showDiff(d),
                                         "aria-label": `${d.title}の新旧対照` }, "新旧対照") : "",
    d.has_original ? el("a", { href: fileUrl(d.document_id, { download: true }), download: "", class: "button-link" }, "原本") : "",
  ];
  const node = el("article", { class: "doc-card", "data-document-id": d.document_id, "aria-label": d.title },
    el("h4", {}, el("span", { class: `badge kind-${d.kind}` }, d.kind_ja), " ", d.title),
    facts,
    el("p", { class: "meta" }, `公開範囲: ${audience(d.departments)}・${d.chunks}項目${d.contact ? `・連絡先: ${d.contact}` : ""}`),
    el("div", { class: "row" }, actions));
  if (manage && d.can_manage) node.append(ownerControls(d));
  return node;
}

function ownerControls(d) {
  const id = d.document_id;
  const fileInput = el("input", { type: "file", id: `replace-${id}`, class: "replace-file" });
  const owner = el("input", { id: `owner-${id}`, value: d.owner_source === "set" ? d.owner_department ?? "" : "", maxlength: "100" });
  const contact = el("input", { id: `contact-${id}`, value: d.contact ?? "", maxlength: "200" });
  return el("details", { class: "owner-controls" }, el("summary", {}, "管理（新しい版・所管課・削除）"),
    el("form", { class: "row", "aria-label": `${d.title}の新しい版`, onsubmit: (e) => { e.preventDefault(); replaceDocument(d, fileInput); } },
      el("label", { for: `replace-${id}` }, "改正後のファイル"), fileInput,
      el("button", { type: "submit", class: "replace-submit" }, "新しい版として登録")),
    el("form", { class: "row", "aria-label": `${d.title}の所管課`, onsubmit: (e) => { e.preventDefault(); saveDetails(d, owner.value, contact.value); } },
      el("label", { for: `owner-${id}` }, "所管課"), owner,
      el("label", { for: `contact-${id}` }, "連絡先（内線など）"), contact,
      el("button", { type: "submit", class: "details-submit" }, "保存")),
    el("button", { type: "button", class: "danger delete-doc", "aria-label": `${d.title}を削除`, onclick: () => deleteDocument(d) }, "削除"));
}

async function replaceDocument(d, input) {
  if (!input.files.length) { $("doc-status").textContent = "改正後のファイルを選んでください。"; return; }
  const form = new FormData();
  form.append("files", input.files[0]);
  form.append("replace_document_id", d.document_id);
  for (const dept of d.departments) if (dept !== "*") form.append("departments", dept);
  $("doc-status").textContent = `「${d.title}」の新しい版を登録しています…`;
  const r = await api("/api/documents", { method: "POST", form });
  if (!r.ok) { $("doc-status").textContent = errorText(r); return; }
  for (;;) {
    const j = await api(`/api/jobs/${r.data.job_id}`);
    if (!j.ok) { $("doc-status").textContent = errorText(j); return; }
    if (j.data.status === "done" || j.data.status === "error") {
      const f = j.data.files[0];
      const x = f?.result;
      $("doc-status").textContent = x
        ? (x.status === "unchanged" ? `「${d.title}」は登録済みの版と同じ内容です（変更なし）。` : `「${d.title}」を新しい版に更新しました。「新旧対照」で違いを確認できます。`)
        : `「${d.title}」の新しい版を登録できませんでした: ${f?.error_ja ?? ""}`;
      await loadDocuments();
      return;
    }
    await new Promise((ok) => setTimeout(ok, 400));
  }
}

async function saveDetails(d, owner, contact) {
  const r = await api(`/api/documents/${encodeURIComponent(d.document_id)}/details`, { method: "PUT",
    body: { owner_department: owner || null, contact: contact || null } });
  $("doc-status").textContent = r.ok ? `「${d.title}」の所管課・連絡先を保存しました。` : errorText(r);
  if (r.ok) await loadDocuments();
}

async function deleteDocument(d) {
  if (!confirm(`「${d.title}」を削除します（すべての版）。よろしいですか？`)) return;
  const r = await api(`/api/documents/${encodeURIComponent(d.document_id)}`, { method: "DELETE" });
  $("doc-status").textContent = r.ok ? `「${d.title}」を削除しました。` : errorText(r);
  await loadDocuments();
}

async function renderCards(target, options) {
  const r = await api("/api/catalog");
  if (!r.ok) { target.replaceChildren(el("p", {}, errorText(r))); return; }
  const docs = options.manage ? r.data.documents.filter((d) => d.can_manage) : r.data.documents;
  target.replaceChildren(...(docs.length ? docs.map((d) => cardNode(d, options)) : [el("p", {}, "文書はまだありません。")]));
}

window.renderOwnerCards = (target) => renderCards(target, { manage: true });
VIEWS.docs = () => renderCards($("doc-cards"), { manage: false });
