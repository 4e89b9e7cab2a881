// The queue's "select all" box ticks or unticks every row's box on the page.
document.addEventListener("change", (event) => {
  const all = event.target.closest("[data-select-all]");
  if (!all) return;
  const form = all.closest("form");
  for (const box of form.querySelectorAll(`input[type=checkbox][name="${all.dataset.selectAll}"]`)) {
    box.checked = all.checked;
  }
});

// The queue's filter panel is drawn open. On a phone it folds away behind its "Filters" summary,
// so that the claims start on the first screen, unless a filter is set; on a wider screen it
// stays open. This runs as soon as the panel is parsed, before the page is first painted.
(() => {
  const panel = document.getElementById("filter-panel");
  if (!panel || panel.hasAttribute("data-filters-set")) return;
  const wide = window.matchMedia("(min-width: 48rem)");
  const fit = () => { panel.open = wide.matches; };
  fit();
  wide.addEventListener("change", fit);
})();
