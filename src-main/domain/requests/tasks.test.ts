import { describe, expect, it } from 'vitest';
import { parseDsarCase, RIGHTS, storedDsarCaseSchema } from './case';
import { compactTask, ownLabel, RIGHT_TASKS, sameTasks, standardTask, taskLabel, tasksForRights, type TaskLike } from './tasks';

const base = { requester: { name: 'Marie Martin' }, rights: ['access', 'erasure'], channel: 'email', receivedOn: '2026-03-05' };

describe('the task catalogue', () => {
  it.each([
    ['access', 'copy', 'Préparer la copie des données (format courant)', 'Prepare the copy of the data (commonly used format)'],
    ['erasure', 'notify', 'Informer les destinataires (art. 19)', 'Tell the recipients (Art. 19)'],
    ['objection', 'suppression', 'Inscrire la personne en liste d’opposition', 'Add the person to the suppression list'],
    ['automated-decision', 'explain', 'Expliquer la logique sous-jacente', 'Explain the logic involved'],
  ] as const)('%s/%s reads in French and English', (right, id, fr, en) => {
    expect(standardTask(right, id)).toEqual({ id, fr, en });
    expect(taskLabel({ right, id }, 'fr')).toBe(fr);
    expect(taskLabel({ right, id }, 'en')).toBe(en);
  });

  it.each([
    ['erasure', 'copy'], // a standard id of another right
    ['access', 'backup-vendor'],
    ['access', ''],
  ] as const)('%s/%s is not a standard task', (right, id) => expect(standardTask(right, id)).toBeUndefined());

  it('every right has a checklist, ids unique within a right, words in both languages', () => {
    for (const r of RIGHTS) {
      const ids = RIGHT_TASKS[r].map((t) => t.id);
      expect(ids.length).toBeGreaterThan(0);
      expect(new Set(ids).size).toBe(ids.length);
      for (const t of RIGHT_TASKS[r]) expect(t.fr.trim() && t.en.trim() && t.fr !== t.en).toBeTruthy();
    }
  });
});

describe('the words shown for a task', () => {
  const fr = 'Préparer la copie des données (format courant)';
  const en = 'Prepare the copy of the data (commonly used format)';
  it.each<[string, TaskLike, string, string, string | undefined]>([
    // [case, task, shown in French, shown in English, own label kept when stored]
    ['standard, stored without words', { right: 'access', id: 'copy' }, fr, en, undefined],
    ['stored before 2026-12-02 with the French words', { right: 'access', id: 'copy', label: fr }, fr, en, undefined],
    ['stored before 2026-12-02 with the English words (English profile)', { right: 'access', id: 'copy', label: en }, fr, en, undefined],
    ['standard whose words the DPO edited', { right: 'access', id: 'copy', label: 'Copie papier demandée' }, 'Copie papier demandée', 'Copie papier demandée', 'Copie papier demandée'],
    ['added by the DPO', { right: 'erasure', id: 'backup-vendor', label: 'Demander l’effacement au prestataire de sauvegarde' }, 'Demander l’effacement au prestataire de sauvegarde', 'Demander l’effacement au prestataire de sauvegarde', 'Demander l’effacement au prestataire de sauvegarde'],
    ['standard words of another right are not standard here', { right: 'erasure', id: 'copy', label: fr }, fr, fr, fr],
    ['blank stored label of a standard task', { right: 'access', id: 'copy', label: '  ' }, fr, en, undefined],
    ['blank stored label of a task of the DPO’s (kept: the schema needs it)', { right: 'access', id: 'call-back', label: '' }, 'call-back', 'call-back', ''],
  ])('%s', (_case, task, shownFr, shownEn, own) => {
    expect(taskLabel(task, 'fr')).toBe(shownFr);
    expect(taskLabel(task, 'en')).toBe(shownEn);
    expect(ownLabel(task)).toBe(own);
    expect(compactTask(task).label).toBe(own);
  });
});

describe('the stored form of a task', () => {
  it.each<[TaskLike, object]>([
    [{ right: 'access', id: 'copy', label: 'Préparer la copie des données (format courant)', done: false, doneOn: null }, { right: 'access', id: 'copy' }],
    [{ right: 'access', id: 'copy', done: true, doneOn: '2026-03-10' }, { right: 'access', id: 'copy', done: true, doneOn: '2026-03-10' }],
    [{ right: 'access', id: 'copy', done: true, doneOn: null }, { right: 'access', id: 'copy', done: true }],
    [{ right: 'erasure', id: 'backup-vendor', label: 'Prestataire', done: false }, { right: 'erasure', id: 'backup-vendor', label: 'Prestataire' }],
    [{ right: 'erasure', id: 'backup-vendor', label: '', done: false }, { right: 'erasure', id: 'backup-vendor', label: '' }],
  ])('%j is stored as %j', (task, stored) => {
    expect(compactTask(task)).toEqual(stored);
    // The stored form always reads back (a task of the DPO's keeps the label the schema needs).
    expect(storedDsarCaseSchema.safeParse({ ...base, tasks: [compactTask(task)] }).success).toBe(true);
  });

  it('storing any task (every catalogue entry, with no words, its French, its English or edited words) reads back with the same words in both languages', () => {
    const tasks: TaskLike[] = RIGHTS.flatMap((right) =>
      RIGHT_TASKS[right].flatMap((t) => [undefined, t.fr, t.en, `${t.fr} (modifié)`].map((label) => ({ right, id: t.id, ...(label === undefined ? {} : { label }), done: label === t.en, doneOn: label === t.en ? '2026-03-09' : null }))),
    );
    const back = storedDsarCaseSchema.parse({ ...base, rights: [...RIGHTS], objectionGround: 'marketing', tasks: tasks.map(compactTask) }).tasks;
    expect(back).toHaveLength(tasks.length);
    for (const lang of ['fr', 'en'] as const) expect(back.map((t) => taskLabel(t, lang))).toEqual(tasks.map((t) => taskLabel(t, lang)));
    expect(back.map((t) => [t.done, t.doneOn ?? null])).toEqual(tasks.map((t) => [t.done, t.doneOn]));
    expect(sameTasks(back, tasks)).toBe(true);
  });

  it('a stored task reads back as the same task (defaults filled in)', () => {
    const c = storedDsarCaseSchema.parse({ ...base, tasks: [{ right: 'access', id: 'copy' }, { right: 'access', id: 'info', done: true, doneOn: '2026-03-09' }] });
    expect(c.tasks).toEqual([
      { right: 'access', id: 'copy', done: false },
      { right: 'access', id: 'info', done: true, doneOn: '2026-03-09' },
    ]);
  });

  it('compares checklists by what they say, not by their stored form', () => {
    const old = [{ right: 'access' as const, id: 'copy', label: 'Préparer la copie des données (format courant)', done: false, doneOn: null }];
    expect(sameTasks(old, [{ right: 'access', id: 'copy', done: false }])).toBe(true);
    expect(sameTasks(old, [{ right: 'access', id: 'copy', done: true, doneOn: '2026-03-09' }])).toBe(false);
    expect(sameTasks(old, [{ right: 'access', id: 'copy', label: 'Autre chose' }])).toBe(false);
    expect(sameTasks(old, [])).toBe(false);
  });
});

describe('the checklist of a case', () => {
  it('new tasks carry no words; ticked, edited and added tasks stay', () => {
    const current: TaskLike[] = [
      { right: 'access', id: 'copy', label: 'Préparer la copie des données (format courant)', done: true, doneOn: '2026-03-09' },
      { right: 'access', id: 'mine', label: 'Appeler le service client', done: false },
      { right: 'rectification', id: 'mine2', label: 'Droit retiré', done: false },
    ];
    const t = tasksForRights(['access', 'erasure'], current);
    expect(t.map((x) => `${x.right}/${x.id}`)).toEqual(['access/search', 'access/copy', 'access/info', 'access/third-parties', 'erasure/grounds', 'erasure/erase', 'erasure/notify', 'access/mine']);
    expect(t[1]).toBe(current[0]);
    expect(t.filter((x) => x !== current[0] && x !== current[1]).every((x) => !('label' in x))).toBe(true);
  });

  it.each([
    [{ right: 'access', id: 'copy' }, null],
    [{ right: 'access', id: 'copy', label: 'Préparer la copie des données (format courant)', done: false, doneOn: null }, null],
    [{ right: 'erasure', id: 'backup-vendor', label: 'Prestataire de sauvegarde' }, null],
    [{ right: 'erasure', id: 'backup-vendor' }, /tasks\.0\.label: Task "backup-vendor" is not a standard task of the right "erasure" \(standard: grounds, erase, notify\): give it a label/],
    [{ right: 'erasure', id: 'copy' }, /Task "copy" is not a standard task of the right "erasure"/],
    [{ right: 'access', id: 'copy', label: 'x'.repeat(301) }, /tasks\.0\.label: At most 300 characters/],
    [{ right: 'access', id: 'copy', doneOn: '2026-02-30' }, /tasks\.0\.doneOn/],
  ])('parsing %j', (task, error) => {
    const parse = () => parseDsarCase({ ...base, tasks: [task] });
    if (error) expect(parse).toThrow(error);
    else expect(parse().tasks[0]).toMatchObject({ right: task.right, id: task.id, done: false });
  });
});
