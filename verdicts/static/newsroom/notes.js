// Picking a name from the suggestions puts the mention into the note being written.
document.addEventListener("change", (event) => {
  const picker = event.target.closest("#note-mention");
  if (!picker || !picker.value.startsWith("@")) return;
  const note = document.getElementById("note-text");
  if (!note) return;
  const gap = note.value && !/\s$/.test(note.value) ? " " : "";
  note.value = `${note.value}${gap}${picker.value} `;
  picker.value = "";
  note.focus();
});
