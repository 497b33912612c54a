import katex from 'katex';
const n = Number(process.argv[2]);
const cases = {
  plus: 'x+'.repeat(n),
  braces: '{'.repeat(n/10) + 'x' + '}'.repeat(n/10),
  frac: '\\frac{a}{b}'.repeat(n/5),
  sub: 'x_'.repeat(n/2)+'x',
  def: '\\def\\x#1{#1#1}' + '\\x{'.repeat(n/10) + 'y' + '}'.repeat(n/10),
};
for (const [name, tex] of Object.entries(cases)) {
  const t = performance.now();
  try { const html = katex.renderToString(tex, { throwOnError: true, macros: {} }); console.log(name, 'ok', html.length); } catch (e) { console.log(name, 'ERR', e.message.slice(0, 60)); }
  console.log(' ms', (performance.now() - t).toFixed(0), 'len', tex.length);
}
