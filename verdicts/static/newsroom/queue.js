// The queue's "select all" box ticks or unticks every row's box on the page.
document.addEventListener("change", (event) => {
  const all = event.target.closest("[data-select-all]");
  if (!all) return;
  const form = all.closest("form");
  for (const box of form.querySelectorAll(`input[type=checkbox][name="${all.dataset.selectAll}"]`)) {
    box.checked = all.checked;
  }
});
