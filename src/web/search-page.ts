/**
 * The plain search page served at "/": type to search the skills library,
 * pick a library, open a skill to see its description, aliases and related
 * skills. Self-contained (no external assets) so it works offline.
 */
export const searchPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>openler skills library</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 52rem; padding: 1.5rem; color: #1d232b; }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  form { display: flex; gap: .5rem; flex-wrap: wrap; }
  input[type=search] { flex: 1 1 20rem; font-size: 1.1rem; padding: .5rem .7rem; border: 1px solid #8a96a3; border-radius: 6px; }
  select { font-size: 1rem; padding: .4rem; }
  #summary { color: #4d5966; margin: .8rem 0; min-height: 1.5em; }
  ol { list-style: none; padding: 0; margin: 0; }
  li { border-bottom: 1px solid #e3e7eb; padding: .6rem .2rem; }
  li button { all: unset; cursor: pointer; font-weight: 600; color: #0b5cad; }
  li button:focus-visible { outline: 2px solid #0b5cad; }
  .meta { color: #4d5966; font-size: .9rem; }
  .detail { margin-top: .4rem; font-size: .95rem; }
  .chip { display: inline-block; background: #eef2f6; border-radius: 4px; padding: 0 .4rem; margin: 0 .25rem .25rem 0; font-size: .85rem; }
  .error { color: #a11d1d; }
  footer { margin-top: 2rem; font-size: .85rem; color: #4d5966; }
</style>
</head>
<body>
<h1>openler skills library</h1>
<form id="search" role="search" onsubmit="return false">
  <label for="q" hidden>Search skills</label>
  <input id="q" name="q" type="search" placeholder="Search skills: python, k8s, cpr, budget management…" autocomplete="off" autofocus>
  <label for="library" hidden>Library</label>
  <select id="library" name="library"></select>
  <label for="type" hidden>Type</label>
  <select id="type" name="type">
    <option value="">All types</option>
    <option value="specialized">Specialized skills</option>
    <option value="common">Common skills</option>
    <option value="certification">Certifications</option>
  </select>
</form>
<p id="summary" aria-live="polite"></p>
<ol id="results"></ol>
<footer>JSON API: <a href="/docs">/docs</a> · <a href="/openapi.json">OpenAPI</a></footer>
<script>
const $ = (id) => document.getElementById(id);
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
let pending = 0;
async function loadLibraries() {
  const response = await fetch('/v1/libraries');
  const { data } = await response.json();
  $('library').innerHTML = data.map((lib) => '<option value="' + escape(lib.id) + '"' + (lib.isDefault ? ' selected' : '') + '>' + escape(lib.name) + ' ' + escape(lib.latestVersion || '') + '</option>').join('');
}
async function search() {
  const ticket = ++pending;
  const params = new URLSearchParams({ q: $('q').value, library: $('library').value, limit: '25' });
  if ($('type').value) params.set('type', $('type').value);
  const response = await fetch('/v1/skills?' + params);
  const body = await response.json();
  if (ticket !== pending) return;
  if (!response.ok) { $('summary').innerHTML = '<span class="error">' + escape(body.detail) + '</span>'; $('results').innerHTML = ''; return; }
  const total = Number(response.headers.get('X-Total-Count'));
  $('summary').textContent = total + ' skill' + (total === 1 ? '' : 's') + ($('q').value ? ' match "' + $('q').value + '"' : ' in this library');
  $('results').innerHTML = body.data.map((skill) =>
    '<li data-id="' + escape(skill.id) + '"><button type="button">' + escape(skill.name) + '</button>' +
    (skill.matched && skill.matched !== skill.name ? ' <span class="meta">(' + escape(skill.matched) + ')</span>' : '') +
    '<div class="meta">' + escape(skill.type) + ' · ' + escape(skill.category) + (skill.subcategory ? ' › ' + escape(skill.subcategory) : '') + '</div></li>').join('');
}
async function showDetail(item) {
  if (item.querySelector('.detail')) { item.querySelector('.detail').remove(); return; }
  const id = item.dataset.id;
  const library = $('library').value;
  const [skill, related] = await Promise.all([
    fetch('/v1/skills/' + encodeURIComponent(id) + '?library=' + encodeURIComponent(library)).then((r) => r.json()),
    fetch('/v1/skills/' + encodeURIComponent(id) + '/related?limit=6&library=' + encodeURIComponent(library)).then((r) => r.json()),
  ]);
  const s = skill.data;
  const div = document.createElement('div');
  div.className = 'detail';
  div.innerHTML = '<p>' + escape(s.description || 'No description.') + '</p>' +
    (s.aliases.length ? '<div>Also: ' + s.aliases.slice(0, 20).map((a) => '<span class="chip">' + escape(a) + '</span>').join('') + '</div>' : '') +
    (related.data && related.data.length ? '<div>Related: ' + related.data.map((r) => '<span class="chip">' + escape(r.name) + '</span>').join('') + '</div>' : '') +
    '<div class="meta">ID <code>' + escape(s.id) + '</code> · ' + escape(s.source) + '</div>';
  item.appendChild(div);
}
$('q').addEventListener('input', search);
$('library').addEventListener('change', search);
$('type').addEventListener('change', search);
$('results').addEventListener('click', (event) => { const item = event.target.closest('li'); if (item && event.target.tagName === 'BUTTON') showDetail(item); });
loadLibraries().then(search);
</script>
</body>
</html>
`;
