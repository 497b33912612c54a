import { describe, expect, it } from 'vitest';
import { toHtml } from 'hast-util-to-html';
import type { Element } from 'hast';
import { heatMap, lineChart, trellis } from '../../src/charts/index.js';
import { expectGolden } from '../helpers.js';

const lossChart = () =>
  lineChart({
    title: 'Training loss',
    xLabel: 'epoch',
    yLabel: 'loss',
    xInteger: true,
    series: [{ name: 'loss', points: Array.from({ length: 50 }, (_, i) => [i + 1, 3 / Math.sqrt(i + 1)] as const) }],
  });

const gradientChart = () =>
  lineChart({
    title: 'Vanishing gradients',
    xLabel: 'k',
    yLabel: '‖∂s_T/∂s_{T−k}‖',
    yScale: 'log',
    xInteger: true,
    series: [
      { name: 'rnn', points: Array.from({ length: 11 }, (_, k) => [k, 0.5 ** k] as const) },
      { name: 'lstm', points: Array.from({ length: 11 }, (_, k) => [k, k === 4 ? 0 : 0.9 ** k] as const) },
    ],
  });

const transitionMap = (decorative: boolean) =>
  heatMap({
    title: 'Transition <matrix> & "friends"',
    rowLabels: ['Healthy', 'Fever'],
    columnLabels: ['Healthy', 'Fever'],
    values: [[0.7, 0.3], [0.4, 0.6]],
    domain: [0, 1],
    decorative,
    kind: 'probability',
  });

const weatherTrellis = () =>
  trellis({
    title: 'Viterbi trellis',
    states: ['Healthy', 'Fever'],
    steps: ['normal', 'cold', 'dizzy'],
    logDelta: [[0.3, 0.04], [0.084, 0.027], [0.00588, 0.01512]].map((row) => row.map(Math.log)),
    backPointers: [[0, 0], [0, 1], [0, 0]],
    path: [0, 0, 1],
  });

function svgOf(chart: Element): Element {
  const svg = chart.children.find((child): child is Element => child.type === 'element' && child.tagName === 'svg');
  if (!svg) throw new Error('no svg');
  return svg;
}

describe('charts', () => {
  it('are byte-identical on every call and match their golden files', () => {
    const cases: Array<[string, () => Element]> = [
      ['line-loss', lossChart],
      ['line-gradients-log', gradientChart],
      ['heat-transition', () => transitionMap(false)],
      ['heat-transition-decorative', () => transitionMap(true)],
      ['heat-diverging', () => heatMap({ title: 'W', rowLabels: ['a', 'b', 'c'], columnLabels: ['a', 'b', 'c'], values: [[-1, 0, 0.5], [0.25, -0.25, 1], [0, 0, 0]] })],
      ['trellis-weather', weatherTrellis],
    ];
    for (const [name, make] of cases) {
      const html = toHtml(make());
      expect(toHtml(make())).toBe(html);
      expectGolden(`charts/${name}.html`, html + '\n');
    }
  });

  it('give every SVG role=img, a title and a desc, and put the data in a collapsed details table', () => {
    for (const chart of [lossChart(), gradientChart(), transitionMap(false), weatherTrellis()]) {
      const svg = svgOf(chart);
      expect(svg.properties.role).toBe('img');
      const tags = svg.children.filter((c): c is Element => c.type === 'element').map((c) => c.tagName);
      expect(tags.slice(0, 2)).toEqual(['title', 'desc']);
      const html = toHtml(chart);
      expect(html).toMatch(/<details class="mlpost-chart-data"><summary>/);
      expect(html).not.toMatch(/<details[^>]* open/);
    }
  });

  it('puts x first and one column per series in the line chart table, as <data> values', () => {
    const html = toHtml(gradientChart());
    expect(html).toContain('<th scope="col">k</th><th scope="col">rnn</th><th scope="col">lstm</th>');
    expect(html).toContain('<tr><th scope="row"><data value="3">3</data></th><td><data value="0.125">0.125</data></td><td><data value="0.7290000000000001">0.729</data></td></tr>');
    // Zero cannot be drawn on a log axis: the lstm line breaks there, the table keeps the 0.
    expect(html).toContain('<td><data value="0">0</data></td>');
    expect(html.match(/<path /g)?.length).toBe(3);
  });

  it('escapes author text in titles and labels', () => {
    const html = toHtml(transitionMap(false));
    expect(html).toContain('<title>Transition &#x3C;matrix> &#x26; "friends"</title>');
    expect(html).not.toContain('<matrix>');
  });

  it('hides a decorative heat map from assistive technology and leaves out its table', () => {
    const html = toHtml(transitionMap(true));
    expect(html).toContain('aria-hidden="true"');
    expect(html).not.toContain('<table');
  });

  it('maps heat values to opacity: sequential for probabilities, diverging around 0', () => {
    const html = toHtml(transitionMap(false));
    // 0.7 of [0, 1] → 0.05 + 0.85 × 0.7 = 0.645.
    expect(html).toContain('style="fill:var(--mlpost-chart-heat-positive, #d55e00)" fill-opacity="0.645"');
    const diverging = toHtml(heatMap({ title: 'W', rowLabels: ['a'], columnLabels: ['a', 'b'], values: [[-1, 0.5]] }));
    expect(diverging).toContain('style="fill:var(--mlpost-chart-heat-negative, #0072b2)" fill-opacity="0.9"');
    expect(diverging).toContain('style="fill:var(--mlpost-chart-heat-positive, #d55e00)" fill-opacity="0.475"');
  });

  it('highlights the Viterbi path in the trellis and lists log δ in the table', () => {
    const html = toHtml(weatherTrellis());
    expect(html.match(/<circle[^>]*stroke-width="2"/g)?.length).toBe(3);
    expect(html).toContain('>0.0151<');
    expect(html).toContain('<td><data value="' + String(Math.log(0.01512)) + '" class="mlpost-logprob" title="natural log-probability">−4.192</data></td>');
    expect(html).toContain('<td>Fever</td></tr></tbody>');
  });

  it('uses only currentColor and CSS custom properties for colour', () => {
    const html = [lossChart(), gradientChart(), transitionMap(false), weatherTrellis()].map((c) => toHtml(c)).join('');
    const colours = html.match(/#[0-9a-f]{6}/g) ?? [];
    // Hex colours appear only as var() fallbacks.
    expect(html.match(/var\(--mlpost-chart-[a-z0-9-]+, #[0-9a-f]{6}\)/g)?.length).toBe(colours.length);
  });
});
