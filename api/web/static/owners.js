// 庁内QA page, the owners' loop: questions sent to the 担当課 and abstentions, writing the
// missing QA and publishing it as a FAQ entry (searchable at once), likely duplicates.
// Other blocks of the owners' page (e.g. a quarantine review) can add themselves to
// OWNER_BLOCKS: each is called when the page opens.
"use strict";

const OWNER_BLOCKS = [];
const faqDraft = { handoverId: null };

function writeFaq(question, handoverId, department) {
  faqDraft.handoverId = handoverId;
  $("faq-question").value = question;
  $("faq-answer").value = "";
  $("faq-owner").value = department ?? state.me?.departments?.[0] ?? "";
  $("faq-status").textContent = "";
  $("faq-form").hidden = false;
  $("faq-answer").focus();
}

async function loadUnanswered() {
  const r = await api("/api/owners/unanswered");
  if (!r.ok) { $("owners-sent").replaceChildren(el("li", {}, errorText(r))); return; }
  const sent = r.data.sent;
  $("owners-sent").replaceChildren(...(sent.length ? sent.map((h) => el("li", { class: "sent" },
    el("span", {}, `${h.query}`), el("span", { class: "meta" }, `（${h.ts.slice(0, 10)}・${h.department ?? "担当課未定"}宛て）`), " ",
    el("button", { type: "button", class: "secondary write-faq", "aria-label": `「${h.query}」のFAQを書く`,
                   onclick: () => writeFaq(h.query, h.id, h.department) }, "FAQを書く")))
    : [el("li", {}, "担当課に送られた質問はありません。")]));
  const asked = r.data.abstained;
  $("owners-abstained").replaceChildren(...(asked.length ? asked.map((q) => el("li", {},
    `${q.query}（${q.count}回）`, " ",
    el("button", { type: "button", class: "link", onclick: () => writeFaq(q.query, null, null) }, "FAQを書く")))
    : [el("li", {}, "ありません。")]));
}

async function publishFaq(event) {
  event.preventDefault();
  const submit = $("faq-submit");
  if (submit.disabled) return;
  const question = $("faq-question").value.trim(), answer = $("faq-answer").value.trim();
  if (!question || !answer) { $("faq-status").textContent = "質問と回答の両方を入力してください。"; return; }
  const departments = $("faq-public").checked ? [] : (state.me?.departments ?? []);
  submit.disabled = true;
  $("faq-status").textContent = "公開しています…";
  const r = await api("/api/owners/faq", { method: "POST", body: {
    question, answer, owner_department: $("faq-owner").value.trim() || null, departments,
    handover_id: faqDraft.handoverId } });
  submit.disabled = false;
  if (!r.ok) { $("faq-status").textContent = errorText(r); return; }
  $("faq-status").textContent = `FAQとして公開しました（${r.data.title}・${r.data.entries}件目）。すぐに検索できます。`;
  $("faq-form").hidden = true;
  loadUnanswered();
  loadDocuments();
}

async function loadDuplicates() {
  const r = await api("/api/owners/duplicates");
  if (!r.ok) { $("dup-list").replaceChildren(el("li", {}, errorText(r))); return; }
  const rows = r.data.duplicates;
  $("dup-list").replaceChildren(...(rows.length ? rows.map((d) => el("li", {},
    `${d.title}（${d.key}）と ${d.other_title}（${d.other_key}）: 類似度 ${Math.round(d.similarity * 100)}%`))
    : [el("li", {}, "重複の可能性はありません。")]));
}

OWNER_BLOCKS.push(loadUnanswered, loadDuplicates);
VIEWS.upload = () => { for (const load of OWNER_BLOCKS) load(); };

$("faq-form").addEventListener("submit", publishFaq);
$("faq-cancel").addEventListener("click", () => { $("faq-form").hidden = true; });
