import { describe, expect, it } from 'vitest';
import { barChart, hoursToNotifyChart, monthlyBars, monthlyLine } from './charts';

const PNG = [0x89, 0x50, 0x4e, 0x47];

describe('charts (Vega-Lite → SVG → PNG without a browser)', () => {
  it('draws labelled bars: every value is written as text, not only as a length or a colour', async () => {
    const c = await barChart('rights', 'Demandes par droit', [
      { label: 'Accès', value: 12 },
      { label: 'Effacement', value: 5 },
    ]);
    expect([...c.png.subarray(0, 4)]).toEqual(PNG);
    expect(c.svg).toContain('Demandes par droit');
    expect(c.svg).toContain('Accès');
    expect(c.svg).toMatch(/>12</);
    expect(c.svg).toMatch(/>5</);
    expect(c.width).toBeGreaterThan(300);
  });

  it('hatches late notifications and names the legal limit', async () => {
    const c = await hoursToNotifyChart('h', 'Délai', [{ reference: 'BR-2026-002', hours: 80, late: true }, { reference: 'BR-2026-001', hours: 30, late: false }], 72, '72 h', 'hors délai');
    expect(c.svg).toContain('url(#late-hatch)');
    expect(c.svg).toContain('72 h');
    expect(c.svg).toContain('80 h — hors délai');
  });

  it('draws months with gaps for months without answers and a dashed target', async () => {
    const labels = ['janv.', 'févr.', 'mars'];
    const line = await monthlyLine('l', 'Dans le délai', [{ month: '2026-01', value: 80 }, { month: '2026-02', value: null }, { month: '2026-03', value: 100 }], { monthLabels: labels, unit: ' %', max: 110, target: { value: 100, label: 'objectif' } });
    expect(line.svg).toContain('févr.');
    expect(line.svg).toContain('80 %');
    expect(line.svg).toContain('stroke-dasharray');
    const bars = await monthlyBars('m', 'Reçues', [{ month: '2026-01', value: 0 }, { month: '2026-02', value: 3 }], { monthLabels: labels.slice(0, 2) });
    expect([...bars.png.subarray(0, 4)]).toEqual(PNG);
  });
});
