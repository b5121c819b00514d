// The single-file build's page when the site has no index.html: a text box feeding <article-lens>.
import '../www/article-lens.js';

const input = document.getElementById('input');
const lens = document.getElementById('lens');
let timer = 0;
input.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(() => { lens.text = input.value; }, 250);
});
lens.addEventListener('analysis', (ev) => { document.body.dataset.analyzed = String(ev.detail.spans.length); });
document.getElementById('sample').addEventListener('click', async () => {
  const res = await fetch(new URL('./sample.txt', import.meta.url));
  input.value = await res.text();
  lens.text = input.value;
});
