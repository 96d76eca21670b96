import { VendorsService } from '../services/vendors';
import { withWorkspace, type CommandSpec } from './run';

const common = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;
const workspaceOpt = { workspace: { type: 'string', short: 'w' }, actor: { type: 'string' } } as const;

/** CLI commands of the vendors area. */
export const COMMANDS: CommandSpec[] = [
  {
    words: ['vendors', 'list'],
    summary: 'Every vendor with its transfers and warnings (third-country transfers without a tool, expired certifications, overdue reviews, Art. 28 clauses).',
    usage: 'vendors list --workspace FILE.vigie [--json]',
    options: { ...common, ...workspaceOpt },
    async run({ values, io }) {
      const r = await withWorkspace(values, io, (ws) => new VendorsService(ws).listFull());
      const text =
        r.vendors
          .map((v) => {
            const problems = v.warnings.filter((w) => w.severity !== 'info');
            const head = `${v.name} (${v.role}, ${v.country})${v.transfers.length ? ` — transfers: ${v.transfers.map((t) => `${t.country}:${t.tool ?? 'no tool'}`).join(', ')}` : ''}`;
            return [head, ...problems.map((w) => `  [${w.severity}] ${w.message.en}`)].join('\n');
          })
          .join('\n') || 'No vendor recorded.';
      return { json: r, text };
    },
  },
  {
    words: ['vendors', 'summary'],
    summary: 'Vendor counts for the dashboard: vendors, with warnings, reviews overdue, transfers without a tool.',
    usage: 'vendors summary --workspace FILE.vigie [--json]',
    options: { ...common, ...workspaceOpt },
    async run({ values, io }) {
      const r = await withWorkspace(values, io, (ws) => new VendorsService(ws).summary());
      return { json: r, text: `${r.vendors} vendors, ${r.withWarnings} with warnings, ${r.reviewsOverdue} reviews overdue, ${r.transfersWithoutTool} transfers without a tool.` };
    },
  },
];
