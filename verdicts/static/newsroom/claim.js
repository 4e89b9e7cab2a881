// "Use as original": put the chosen claim's number in the mark-as-duplicate form.
document.addEventListener("click", (event) => {
  const button = event.target.closest(".pick-original");
  if (!button) return;
  const field = document.getElementById("id_mark_duplicate_duplicate_of");
  if (!field) return;
  field.value = button.dataset.claim;
  field.focus();
});
