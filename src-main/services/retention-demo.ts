/**
 * The demo's storage-limitation story (issue 16): older closed cases past their retention (so the
 * "To purge" list is not empty), an identity document still held after its check, an activity whose
 * business-system purge is overdue, and an internal target of 7 days. Everything through the write path.
 */
import { addDays, addMonthsClamped, localDateOf } from '../domain/calendar';
import { RequestsService } from './requests';
import { RetentionService } from './retention';
import type { Workspace } from './workspace';

const PASSPORT_PLACEHOLDER = Buffer.from('%PDF-1.4\n% Demo: stands for the scan of an identity document received by post.\n').toString('base64');

export async function seedRetentionDemo(ws: Workspace, now = new Date()): Promise<void> {
  const { profile } = await ws.getProfile();
  const today = localDateOf(now.toISOString(), profile.time_zone);
  const retention = new RetentionService(ws, { now: () => now });
  const requests = new RequestsService(ws, { now: () => now });
  await retention.setTargets({ defaultDays: 7, perRight: {} });

  // Cases answered six and seven years ago: past the 5-year rule.
  const old = [
    { name: 'Gérard Lambert', rights: ['access'], years: 7, outcome: { result: 'fulfilled' } },
    { name: 'Monique Perrin', rights: ['erasure'], years: 6, outcome: { result: 'refused', reasons: 'Données nécessaires à la constatation, à l’exercice ou à la défense de droits en justice (art. 17, § 3, e) du RGPD) : litige commercial en cours à la date de la demande.' } },
  ];
  for (const o of old) {
    const receivedOn = addMonthsClamped(today, -12 * o.years);
    const c = await requests.create({ requester: { name: o.name, email: `${o.name.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').replace(' ', '.')}@example.org` }, rights: o.rights, channel: 'letter', receivedOn });
    const got = await requests.get(c.id);
    await requests.update(c.id, { ...got.case, outcome: o.outcome, response: { sentOn: addDays(receivedOn, 21), how: 'Courrier recommandé' } });
  }

  // A recent case whose identity was checked last week: the copy of the ID must now go.
  const received = addDays(today, -12);
  const c = await requests.create({ requester: { name: 'Yasmine Haddad' }, rights: ['access'], channel: 'letter', receivedOn: received });
  await requests.addEvent(c.id, {
    occurredOn: addDays(received, 4),
    kind: 'identity-received',
    direction: 'in',
    summary: 'Copie de la carte d’identité reçue par courrier',
    attachment: { fileName: 'carte-identite-recto-verso.pdf', contentBase64: PASSPORT_PLACEHOLDER, mediaType: 'application/pdf', purpose: 'identity-document' },
  });
  const got = await requests.get(c.id);
  await requests.update(c.id, { ...got.case, identity: { requestedOn: addDays(received, 1), receivedOn: addDays(received, 4), method: 'Copie d’une pièce d’identité (doute raisonnable : adresse différente)', outcome: 'verified' } });

  // A business-system purge last done 14 months ago: the yearly run is overdue.
  const { items } = await retention.schedule();
  const first = items[0];
  if (first) {
    await retention.recordPurge({ activityId: first.activityId, categoryId: first.categoryId, performedOn: addMonthsClamped(today, -14), performedBy: first.owner || 'Service informatique', system: 'CRM', note: 'Script de purge annuel' });
  }
}
