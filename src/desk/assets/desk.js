// The desk's small shared script: presence heartbeat on the story form. The editor itself is desk-editor's editor.js.
(function () {
  var form = document.getElementById('story-form');
  if (!form) return;
  var id = form.getAttribute('data-story-id');
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (!id || !meta) return;
  var box = document.getElementById('presence');
  function beat() {
    fetch('/desk/api/stories/' + id + '/presence', { method: 'POST', headers: { 'X-CSRF-Token': meta.content, Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data || !box) return;
        var names = data.others.map(function (o) { return o.name; });
        box.textContent = names.length ? 'Also editing this story now: ' + names.join(', ') + '. Saves based on an older version are refused.' : '';
        box.hidden = names.length === 0;
      })
      .catch(function () {});
  }
  beat();
  setInterval(beat, 20000);
})();
