// Storyline's pages work without this file. With it, a link to a piece of evidence
// (/documents/ID#cSTART-END) marks exactly that span of the text, not only where it starts.
"use strict";

function markTarget() {
  const found = /^#c(\d+)-(\d+)$/.exec(window.location.hash);
  document.querySelectorAll(".piece.target").forEach((el) => el.classList.remove("target"));
  if (!found) return;
  const start = Number(found[1]), end = Number(found[2]);
  let first = null;
  document.querySelectorAll(".text .piece").forEach((el) => {
    const s = Number(el.dataset.s), e = Number(el.dataset.e);
    if (s >= start && e <= end) {
      el.classList.add("target");
      first = first || el;
    }
  });
  if (first) first.scrollIntoView({ block: "center" });
}

window.addEventListener("hashchange", markTarget);
document.addEventListener("DOMContentLoaded", markTarget);
