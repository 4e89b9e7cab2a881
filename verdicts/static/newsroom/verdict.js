// A workflow action taken while the draft has unsaved changes (typed less than the autosave's
// delay ago, or a save still on its way) first saves the draft, then takes the action with the
// revision that save returned. Without this, "Submit" right after typing is refused as stale, or
// submits the text before the last words.
(() => {
  const draft = document.getElementById("verdict-form");
  if (!draft || !window.htmx) return;
  let dirty = false;
  let saving = 0;
  draft.addEventListener("input", () => { dirty = true; });
  draft.addEventListener("change", () => { dirty = true; });
  draft.addEventListener("htmx:beforeRequest", () => { saving += 1; dirty = false; });
  draft.addEventListener("htmx:afterRequest", () => { saving = Math.max(0, saving - 1); });

  const settled = () => new Promise((resolve) => {
    const wait = () => (saving > 0 ? setTimeout(wait, 50) : resolve());
    wait();
  });

  document.addEventListener("submit", async (event) => {
    const form = event.target.closest("form[data-action]");
    if (!form || form.dataset.flushed === "1" || (!dirty && saving === 0)) return;
    event.preventDefault();
    await settled();
    if (dirty) {
      await htmx.ajax("POST", draft.getAttribute("hx-post"), { source: draft, target: "#autosave", swap: "innerHTML" });
      await settled();
    }
    if (document.querySelector("#autosave [role=alert], #autosave .error")) return; // not saved: say so, act on nothing
    form.dataset.flushed = "1";
    form.requestSubmit();
  }, true);
})();
