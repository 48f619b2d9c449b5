// The desk's small shared script: presence heartbeat on the story form. The editor itself is desk-editor's editor.js.
(() => {
  const form = document.getElementById('story-form');
  if (!form) return;
  const id = form.getAttribute('data-story-id');
  const meta = document.querySelector('meta[name="csrf-token"]');
  if (!id || !meta) return;
  const box = document.getElementById('presence');
  function beat() {
    fetch(`/desk/api/stories/${id}/presence`, {
      method: 'POST',
      headers: { 'X-CSRF-Token': meta.content, Accept: 'application/json' },
    })
      .then((r) => (r.ok ? r.json() : null))
      .then((data) => {
        if (!data || !box) return;
        const names = data.others.map((o) => o.name);
        box.textContent = names.length
          ? `Also editing this story now: ${names.join(', ')}. Saves based on an older version are refused.`
          : '';
        box.hidden = names.length === 0;
      })
      .catch(() => {});
  }
  beat();
  setInterval(beat, 20000);
})();
