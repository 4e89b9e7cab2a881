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
