/**
 * The checklist of a rights request: the standard tasks of each right (a bilingual catalogue) and
 * how a task is stored and shown. Pure TypeScript (the renderer imports it too).
 *
 * Storage (2026-12-02, issue 11): a standard task is stored as `{ right, id }` plus `done: true` /
 * `doneOn` once ticked — its words come from this catalogue, in the language of whoever reads it
 * (the screen in the UI language, documents for the authority in French). Storing the French label
 * in every case cost ~400 bytes per case, twice (the row and its change-log entry).
 * A task keeps its own `label` when it has words of its own: a task the DPO added, or a standard one
 * whose words were edited. Cases written before this change keep the labels they were stored with
 * (no migration): a stored label equal to the catalogue's French or English words is read as the
 * standard task, so it shows the same words, in the reader's language.
 */
import type { Right } from './case';

export type TaskLang = 'fr' | 'en';

export interface StandardTask {
  id: string;
  fr: string;
  en: string;
}

/** The default checklist of each right: what the DPO has to do before answering (bilingual labels). */
export const RIGHT_TASKS: Record<Right, readonly StandardTask[]> = {
  access: [
    { id: 'search', fr: 'Rechercher les données dans les traitements et systèmes concernés', en: 'Search the data in the relevant activities and systems' },
    { id: 'copy', fr: 'Préparer la copie des données (format courant)', en: 'Prepare the copy of the data (commonly used format)' },
    { id: 'info', fr: 'Joindre les informations de l’art. 15(1) (finalités, destinataires, durées, source…)', en: 'Add the Art. 15(1) information (purposes, recipients, retention, source…)' },
    { id: 'third-parties', fr: 'Vérifier les droits des tiers (art. 15(4))', en: 'Check third parties’ rights (Art. 15(4))' },
  ],
  rectification: [
    { id: 'check', fr: 'Vérifier l’inexactitude signalée', en: 'Check the reported inaccuracy' },
    { id: 'correct', fr: 'Corriger ou compléter les données', en: 'Correct or complete the data' },
    { id: 'notify', fr: 'Informer les destinataires (art. 19)', en: 'Tell the recipients (Art. 19)' },
  ],
  erasure: [
    { id: 'grounds', fr: 'Vérifier les motifs de l’art. 17(1) et les exceptions de l’art. 17(3)', en: 'Check the Art. 17(1) grounds and the Art. 17(3) exceptions' },
    { id: 'erase', fr: 'Effacer les données (y compris sauvegardes selon la politique)', en: 'Erase the data (including backups as per policy)' },
    { id: 'notify', fr: 'Informer les destinataires (art. 19)', en: 'Tell the recipients (Art. 19)' },
  ],
  restriction: [
    { id: 'grounds', fr: 'Vérifier les cas de l’art. 18(1)', en: 'Check the Art. 18(1) cases' },
    { id: 'restrict', fr: 'Marquer et geler les données', en: 'Mark and freeze the data' },
    { id: 'notify', fr: 'Informer les destinataires (art. 19)', en: 'Tell the recipients (Art. 19)' },
  ],
  objection: [
    { id: 'ground', fr: 'Identifier le fondement (prospection ou intérêt légitime)', en: 'Identify the ground (direct marketing or legitimate interest)' },
    { id: 'stop', fr: 'Cesser le traitement (sans condition pour la prospection)', en: 'Stop the processing (unconditionally for direct marketing)' },
    { id: 'suppression', fr: 'Inscrire la personne en liste d’opposition', en: 'Add the person to the suppression list' },
  ],
  portability: [
    { id: 'scope', fr: 'Vérifier la base (consentement ou contrat) et le traitement automatisé', en: 'Check the basis (consent or contract) and automated processing' },
    { id: 'export', fr: 'Exporter dans un format structuré, couramment utilisé et lisible par machine', en: 'Export in a structured, commonly used, machine-readable format' },
  ],
  'consent-withdrawal': [
    { id: 'stop', fr: 'Cesser les traitements fondés sur le consentement', en: 'Stop the processing based on consent' },
    { id: 'record', fr: 'Enregistrer le retrait du consentement', en: 'Record the withdrawal of consent' },
  ],
  'post-mortem': [
    { id: 'proof', fr: 'Vérifier la qualité d’héritier ou la directive', en: 'Check the heir status or the directive' },
    { id: 'apply', fr: 'Appliquer les directives ou clôturer le compte', en: 'Apply the directives or close the account' },
  ],
  'automated-decision': [
    { id: 'review', fr: 'Organiser une intervention humaine et le réexamen', en: 'Arrange human intervention and review' },
    { id: 'explain', fr: 'Expliquer la logique sous-jacente', en: 'Explain the logic involved' },
  ],
};

/** A task as the case schema reads it (label absent for a standard task, done/doneOn maybe absent when stored). */
export interface TaskLike {
  right: Right;
  id: string;
  label?: string | undefined;
  done?: boolean | undefined;
  doneOn?: string | null | undefined;
}

/** The catalogue entry of a right's task, or undefined when the id is not one of that right's standard tasks. */
export function standardTask(right: Right, id: string): StandardTask | undefined {
  return (RIGHT_TASKS[right] as readonly StandardTask[] | undefined)?.find((t) => t.id === id);
}

/**
 * The label a task carries of its own, or undefined when it has none worth keeping: absent, or, for
 * a standard task, blank or the catalogue's own words (French or English; a case stored before
 * 2026-12-02 holds them). A task of the DPO's keeps whatever label it has (the schema needs one).
 */
export function ownLabel(task: Pick<TaskLike, 'right' | 'id' | 'label'>): string | undefined {
  if (task.label === undefined) return undefined;
  const std = standardTask(task.right, task.id);
  if (!std) return task.label;
  const label = task.label.trim();
  return !label || label === std.fr || label === std.en ? undefined : task.label;
}

/**
 * The words of a task in `lang`: its own label when it has one (a task the DPO added or edited),
 * otherwise the catalogue's; a task with neither (a blank label on a task of the DPO's, which older
 * versions accepted) shows its id rather than an empty line.
 */
export function taskLabel(task: Pick<TaskLike, 'right' | 'id' | 'label'>, lang: TaskLang): string {
  const own = ownLabel(task);
  if (own?.trim()) return own;
  return standardTask(task.right, task.id)?.[lang] ?? task.id;
}

/** The stored form of a task: no catalogue words, no `done: false`, no empty `doneOn`. */
export interface StoredTask {
  right: Right;
  id: string;
  label?: string;
  done?: true;
  doneOn?: string;
}

export function compactTask(task: TaskLike): StoredTask {
  const own = ownLabel(task);
  return {
    right: task.right,
    id: task.id,
    ...(own !== undefined ? { label: own } : {}),
    ...(task.done ? { done: true as const } : {}),
    ...(task.doneOn ? { doneOn: task.doneOn } : {}),
  };
}

/**
 * The form a task is written in: every field, a standard task with the catalogue's words in the
 * workspace's language. Versions of Vigie before 2026-12-02 require `label`, `done` and `doneOn`
 * when they read a case, and colleagues who sync may upgrade on different days (README, "Working
 * with colleagues"): a case written here must stay readable by them. The compact form
 * (compactTask) is accepted when read; writing it waits until no supported version needs the words.
 */
export function storedTask(task: TaskLike, lang: TaskLang): { right: Right; id: string; label: string; done: boolean; doneOn: string | null } {
  return {
    right: task.right,
    id: task.id,
    label: ownLabel(task) ?? standardTask(task.right, task.id)?.[lang] ?? task.label ?? task.id,
    done: Boolean(task.done),
    doneOn: task.doneOn ?? null,
  };
}

/** Two checklists say the same (same tasks in the same order, same words, same ticks), whatever their stored form. */
export function sameTasks(a: readonly TaskLike[], b: readonly TaskLike[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const p = compactTask(x);
    const q = compactTask(b[i]!);
    return p.right === q.right && p.id === q.id && p.label === q.label && p.done === q.done && p.doneOn === q.doneOn;
  });
}

/** The checklist for the rights chosen (standard tasks without their words), keeping what was already there. */
export function tasksForRights<T extends TaskLike>(rights: readonly Right[], current: readonly T[]): Array<T | { right: Right; id: string; done: false; doneOn: null }> {
  const out: Array<T | { right: Right; id: string; done: false; doneOn: null }> = [];
  for (const r of rights) {
    for (const t of RIGHT_TASKS[r]) {
      const prev = current.find((x) => x.right === r && x.id === t.id);
      out.push(prev ?? { right: r, id: t.id, done: false, doneOn: null });
    }
  }
  // Tasks the DPO added by hand stay.
  for (const t of current) if (!out.includes(t) && rights.includes(t.right) && !standardTask(t.right, t.id)) out.push(t);
  return out;
}
