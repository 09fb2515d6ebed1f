// 庁内QA page: posts to /api/ask and renders the answer, its citations and similar QAs.
"use strict";

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c ?? ""));
  return node;
}

function highlighted(text, quote) {
  const span = el("span");
  const at = quote ? text.indexOf(quote) : -1;
  if (at < 0) { span.append(text); return span; }
  span.append(text.slice(0, at), el("mark", { class: "quote" }, quote),
              text.slice(at + quote.length));
  return span;
}

function renderCitation(c) {
  const body = c.kind === "faq" ? `Q. ${c.question}\nA. ${c.answer ?? c.text}` : c.text;
  return el("li", { id: `cite-${c.marker}` },
    el("strong", {}, c.citation),
    el("details", {}, el("summary", {}, "原文を表示"), highlighted(body, c.quote)));
}

function renderSimilar(q) {
  return el("li", {},
    el("details", {},
      el("summary", {}, q.question ?? q.citation),
      el("p", {}, q.answer ?? q.text),
      el("p", { class: "meta" },
         `${q.document_title}${q.owner_department ? "・担当: " + q.owner_department : ""}`)));
}

async function ask(event) {
  event.preventDefault();
  const query = $("query").value.trim();
  if (!query) return;
  const mode = document.querySelector("input[name=mode]:checked").value;
  $("status").textContent = "検索しています…";
  $("answer").hidden = true;
  $("similar").hidden = true;
  try {
    const res = await fetch("/api/ask", {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, mode }),
    });
    const data = await res.json();
    if (!res.ok) {
      $("status").textContent = data.error?.message_ja ?? "エラーが発生しました";
      return;
    }
    $("status").textContent = data.abstained ? (data.notice ?? "") : "";
    if (data.answer) {
      $("answer-text").textContent = data.answer;
      $("citations").replaceChildren(...data.citations.filter((c) => c.marker)
        .map(renderCitation));
      $("answer").hidden = false;
    }
    if (data.similar_qas.length) {
      $("similar-list").replaceChildren(...data.similar_qas.map(renderSimilar));
      $("similar").hidden = false;
    }
  } catch (err) {
    $("status").textContent = "サーバーに接続できません。";
  }
}

$("ask-form").addEventListener("submit", ask);
