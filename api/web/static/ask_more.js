// 庁内QA page, asking beyond one question: follow-ups, filters, the start page's suggestions,
// history (re-ask), "not found → a person" (担当課へ送る), copy and print with citations.
"use strict";

// ---------------------------------------------------------------- follow-ups
window.rewriteFollowup = async (typed) => {
  const note = $("rewrite-note");
  note.hidden = true;
  note.replaceChildren();
  if (!state.previous) return typed;
  const r = await api("/api/ask/rewrite", { method: "POST", body: { query: typed, previous: state.previous } });
  if (!r.ok || !r.data.rewritten) return typed;
  note.append(`前の質問の続きとして「${r.data.query}」で検索しました。 `,
    el("button", { type: "button", class: "link", id: "rewrite-undo",
                   onclick: () => { note.hidden = true; state.previous = null; ask(null, false, { literal: true }); } },
       "元の質問のまま検索する"));
  note.hidden = false;
  return r.data.query;
};

// ---------------------------------------------------------------- filters
window.askFilters = () => {
  const kind = [...document.querySelectorAll("input[name=filter-kind]:checked")].map((b) => b.value);
  const department = $("filter-department").value;
  const out = {};
  if (kind.length) out.kind = kind;
  if (department) out.owner_department = department;
  return out;
};

// 「現行版のみ」 unchecked in the similar-questions mode: search every version
window.historySearch = async (body) => {
  const r = await api("/api/search", { method: "POST", body: {
    query: body.query, top_k: 8, include_history: true, confirm_pii: body.confirm_pii } });
  if (!r.ok) return r;
  return { ok: true, status: 200, data: { answer: null, abstained: false, citations: [], notice: "過去の版も含めて検索しました。",
    similar_qas: r.data.results.map((h) => ({ ...h, question: h.question ?? h.citation,
      document_title: h.document_title })) } };
};

async function loadFilters() {
  const r = await api("/api/filters");
  if (!r.ok) return;
  const box = $("filter-kinds");
  box.replaceChildren(el("legend", {}, "種類"), ...r.data.kinds.map((k) =>
    el("label", {}, el("input", { type: "checkbox", name: "filter-kind", value: k.kind }), ` ${k.label}（${k.documents}）`)));
  const select = $("filter-department");
  const chosen = select.value;
  select.replaceChildren(el("option", { value: "" }, "すべて"), ...r.data.departments.map((d) =>
    el("option", { value: d.department }, `${d.department}（${d.documents}）`)));
  select.value = chosen;
}

// ---------------------------------------------------------------- start page
function askThis(question) {
  $("query").value = question;
  updateCount();
  state.previous = null;  // a suggestion starts a new conversation
  ask(null, false, { literal: true });
}

async function loadStart() {
  const r = await api("/api/suggestions");
  const body = $("start-body");
  if (!r.ok) { body.replaceChildren(el("p", {}, errorText(r))); return; }
  const parts = [];
  if (r.data.most_asked.length) {
    parts.push(el("h4", {}, "よく聞かれる質問"), el("ul", { class: "suggest" }, r.data.most_asked.map((q) =>
      el("li", {}, el("button", { type: "button", class: "link", onclick: () => askThis(q.question) }, q.question),
         el("span", { class: "meta" }, `（${q.askers}人）`)))));
  }
  const depts = Object.entries(r.data.newest_faqs);
  if (depts.length) {
    parts.push(el("h4", {}, "新しいFAQ（担当課別）"), el("div", { class: "suggest-grid" }, depts.map(([dept, qs]) =>
      el("section", { class: "suggest-dept", "aria-label": dept }, el("h5", {}, dept),
        el("ul", { class: "suggest" }, qs.map((q) => el("li", {},
          el("button", { type: "button", class: "link", onclick: () => askThis(q.question) }, q.question),
          q.updated ? el("span", { class: "meta" }, `（${q.updated}）`) : "")))))));
  }
  body.replaceChildren(...(parts.length ? parts : [el("p", { class: "meta" }, "まだ候補はありません。")]));
}

VIEWS.ask = () => { loadFilters(); if (!state.result) loadStart(); };

// ---------------------------------------------------------------- history
async function loadHistory() {
  const list = $("history-list");
  const r = await api("/api/history");
  if (!r.ok) { list.replaceChildren(el("li", {}, errorText(r))); return; }
  if (r.data.guest) { list.replaceChildren(el("li", {}, "履歴を見るにはログインしてください。")); return; }
  if (!r.data.entries.length) { list.replaceChildren(el("li", {}, "まだ質問はありません。")); return; }
  list.replaceChildren(...r.data.entries.map((e) => el("li", { class: "card history-item" },
    el("p", { class: "meta" }, `${e.ts.slice(0, 16).replace("T", " ")}${e.abstained ? "・回答できませんでした" : ""}`),
    el("p", {}, el("strong", {}, "質問: "), e.query ?? ""),
    e.answer ? el("details", {}, el("summary", {}, "そのときの回答"), el("p", { class: "pre" }, e.answer),
      e.citations.length ? el("p", { class: "meta" }, `根拠: ${e.citations.join(" / ")}`) : "") : "",
    el("button", { type: "button", class: "secondary reask", "aria-label": `「${e.query}」をもう一度聞く`,
                   onclick: () => { location.hash = "#ask"; askThis(e.query ?? ""); } }, "もう一度聞く"))));
}

VIEWS.history = loadHistory;

// ---------------------------------------------------------------- not found → a person
window.renderHandover = async (data, similar) => {
  // `handover` comes with the reply once the API sends it; until then the 担当課 of the
  // nearest FAQ is offered, with the contact and documents its owners set on the cards
  const h = { ...(data.handover ?? {}) };
  const department = h.department ?? similar.find((q) => q.owner_department)?.owner_department ?? null;
  if (department && (!h.contact || !h.documents)) {
    const r = await api("/api/catalog");
    const mine = r.ok ? r.data.documents.filter((d) => d.owner_department === department) : [];
    h.contact ??= mine.find((d) => d.contact)?.contact;
    h.documents ??= mine.slice(0, 3).map((d) => ({ document_id: d.document_id, title: d.title }));
  }
  const docs = h.documents ?? [];
  const body = $("handover-body");
  body.replaceChildren(
    el("p", {}, department ? `この質問に答えられそうな担当課: ${department}` : "担当課を特定できませんでした。送った質問は文書の管理者が確認します。"),
    h.contact ? el("p", {}, `連絡先: ${h.contact}`) : "",
    docs.length ? el("p", { class: "meta" }, `関係する文書: ${docs.map((d) => d.title ?? d.document_title ?? d).join("、")}`) : "");
  state.handoverDepartment = department;
  $("handover-status").textContent = "";
  $("handover-send").disabled = false;
  $("handover").hidden = false;
};

async function sendHandover() {
  const button = $("handover-send");
  if (button.disabled) return;
  button.disabled = true;
  const r = await api("/api/handover", { method: "POST",
    body: { log_id: state.logId ?? null, query: state.logId ? null : state.lastQuery, department: state.handoverDepartment } });
  $("handover-status").textContent = r.ok
    ? `${state.handoverDepartment ?? "文書の管理者"}へ送りました。回答が登録されると、この質問で検索できるようになります。`
    : errorText(r);
  if (!r.ok) button.disabled = false;
}

$("handover-send").addEventListener("click", sendHandover);

// ---------------------------------------------------------------- copy and print
function answerAsText() {
  const data = state.result;
  if (!data) return "";
  const lines = [`質問: ${state.lastQuery ?? ""}`, "", data.answer ?? "", "", "根拠:"];
  for (const c of (data.citations ?? []).filter((x) => x.marker)) {
    lines.push(`[${c.marker}] ${c.citation}`);
    if (c.quote) lines.push(`　「${c.quote}」`);
  }
  return lines.join("\n");
}

async function copyAnswer() {
  const text = answerAsText();
  let done = false;
  try { await navigator.clipboard.writeText(text); done = true; } catch (err) { done = false; }
  if (!done) {  // no clipboard permission: copy through a hidden text area
    const area = el("textarea", { class: "visually-hidden", "aria-hidden": "true" });
    area.value = text;
    document.body.append(area);
    area.select();
    done = document.execCommand("copy");
    area.remove();
  }
  state.copied = text;
  $("status").textContent = done ? "回答を根拠つきでコピーしました。" : "コピーできませんでした。文を選んでコピーしてください。";
}

$("answer-copy").addEventListener("click", copyAnswer);
$("answer-print").addEventListener("click", () => window.print());
