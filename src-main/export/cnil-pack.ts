/**
 * The texts and tables of the CNIL inspection pack that no other export already makes: the
 * "LISEZMOI", the organisation and DPO details, the DPIA screening list, the security measures per
 * activity and the change log of the period with human labels. French, as the pack is for the CNIL.
 */
import type { OrgProfile } from '../domain/org-profile';
import type { ActivityInput } from '../domain/register/activity';
import { ART35_3_CASES, CNIL_DPIA_LIST, WP248_CRITERIA, screenDpia } from '../domain/register/dpia';
import { CNIL_SECURITY_TYPES, CNIL_SECURITY_TYPE_IDS, SECURITY_MEASURES } from '../domain/register/vocabulary';
import type { Period } from '../domain/reports/figures';
import { dateLong, dateShort, roleLabel } from './labels';
import type { Sheet } from './spreadsheet';

import { PACK_PARTS, type PackPart } from '../api/contracts/reports';

// One list of parts: the API contract's (pure zod), so the UI's checklist and the CLI agree.
export { PACK_PARTS, type PackPart };

export const PART_LABELS: Record<PackPart, string> = {
  register: 'Registre des activités de traitement (responsable de traitement et sous-traitant)',
  dpia: 'Liste de dépistage des analyses d’impact (AIPD)',
  breaches: 'Registre des violations de données (article 33.5)',
  requests: 'Registre des demandes d’exercice des droits',
  vendors: 'Registre des prestataires : clauses de l’article 28, transferts, certifications',
  tia: 'Analyses d’impact des transferts (TIA)',
  security: 'Mesures de sécurité par traitement (article 32)',
  organisation: 'Organisme et désignation du délégué à la protection des données',
  changelog: 'Journal des modifications de la période et vérification de son intégrité',
};

/** `CNIL-<organisation>-<YYYY-MM-DD>.zip` with the organisation's name in plain ASCII. */
export function packFileName(organisation: string, date: string): string {
  const slug = organisation.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'organisme';
  return `CNIL-${slug}-${date}.zip`;
}

export function organisationText(p: OrgProfile): string {
  const line = (k: string, v: string | number | null | undefined) => `${k} : ${v === null || v === undefined || v === '' ? 'non renseigné' : v}`;
  return [
    'ORGANISME ET DÉLÉGUÉ À LA PROTECTION DES DONNÉES',
    '',
    'Responsable de traitement',
    line('Dénomination', p.controller_name),
    line('Forme juridique', p.legal_form),
    line('SIREN', p.siren),
    line('Adresse', [p.address, [p.postcode, p.city].filter(Boolean).join(' '), p.country].filter(Boolean).join(', ')),
    line('Téléphone', p.phone),
    line('Courriel', p.email),
    line('Représentant légal', [p.legal_rep_name, p.legal_rep_title].filter(Boolean).join(', ')),
    line('Secteur', p.sector),
    line('Effectif', p.headcount),
    line('Représentant dans l’Union (article 27)', p.representative),
    '',
    'Délégué à la protection des données (articles 37 à 39)',
    line('Nom', p.dpo_name),
    line('Organisme (si DPO externe)', p.dpo_company),
    line('Courriel', p.dpo_email),
    line('Téléphone', p.dpo_phone),
    '',
    'Réglages de l’espace de travail',
    line('Calendrier des délais (jours fériés)', p.jurisdiction),
    line('Fuseau horaire', p.time_zone),
    line('Délai de notification des violations (heures)', p.breach_notification_hours),
  ].join('\r\n') + '\r\n';
}

export function dpiaSheet(activities: readonly ActivityInput[]): Sheet {
  const result = { required: 'AIPD obligatoire', likely: 'AIPD probablement nécessaire', 'to-examine': 'À examiner (un critère du G29)', 'not-indicated': 'AIPD non indiquée' } as const;
  return {
    name: 'Dépistage AIPD',
    title: ['Liste de dépistage des analyses d’impact relatives à la protection des données (article 35 du RGPD)'],
    header: ['N° / REF', 'Traitement', 'Rôle', 'Résultat du dépistage', 'Critères du G29 (WP248) remplis', 'Liste CNIL (délibération n° 2018-327)', 'Cas de l’article 35.3', 'AIPD réalisée', 'Date', 'Justification'],
    rows: activities.map((a) => {
      let r: string;
      try {
        r = result[screenDpia(a.dpia).result];
      } catch {
        r = 'Réponses non reconnues';
      }
      if (a.role === 'processor') r = `Sans objet pour le sous-traitant (AIPD du responsable de traitement) — ${r}`;
      return [
        a.reference,
        a.name,
        roleLabel(a.role, 'fr'),
        r,
        a.dpia.criteria.map((c) => `${WP248_CRITERIA[c].number}. ${WP248_CRITERIA[c].label.fr}`).join('\n'),
        a.dpia.cnilListItems.map((c) => `${CNIL_DPIA_LIST[c].number}. ${CNIL_DPIA_LIST[c].label.fr}`).join('\n'),
        a.dpia.art35_3.map((c) => `${ART35_3_CASES[c].article} : ${ART35_3_CASES[c].label.fr}`).join('\n'),
        a.dpia.done ? 'Oui' : 'Non',
        dateShort(a.dpia.doneOn ?? null),
        a.dpia.note ?? '',
      ];
    }),
    widths: [10, 30, 18, 26, 40, 40, 30, 10, 11, 40],
  };
}

export function securitySheet(activities: readonly ActivityInput[]): Sheet {
  return {
    name: 'Mesures de sécurité',
    title: ['Mesures de sécurité techniques et organisationnelles par traitement (articles 30.1.g et 32 du RGPD)'],
    header: ['N° / REF', 'Traitement', ...CNIL_SECURITY_TYPE_IDS.map((t) => CNIL_SECURITY_TYPES[t].label.fr), 'Autres mesures décrites'],
    rows: activities.map((a) => [
      a.reference,
      a.name,
      ...CNIL_SECURITY_TYPE_IDS.map((t) =>
        a.securityMeasures.catalogue
          .filter((m) => SECURITY_MEASURES[m].cnilType === t)
          .map((m) => SECURITY_MEASURES[m].label.fr)
          .join('\n'),
      ),
      a.securityMeasures.other ?? '',
    ]),
    widths: [10, 30, 26, 22, 22, 20, 20, 22, 20, 40],
  };
}

const TABLE_LABELS: Record<string, string> = {
  org_profile: 'Organisme',
  activities: 'Registre — activité de traitement',
  requests: 'Demande d’exercice des droits',
  request_events: 'Demande — échange',
  request_attachments: 'Demande — pièce jointe',
  breaches: 'Violation de données',
  breach_files: 'Violation — pièce',
  vendors: 'Prestataire',
  vendor_files: 'Prestataire — contrat',
  adequacy_overrides: 'Pays — décision d’adéquation (réglage)',
};
const OP_LABELS: Record<string, string> = { insert: 'Création', update: 'Modification', delete: 'Mise à la corbeille', restore: 'Restauration', purge: 'Effacement des valeurs (droit à l’effacement)' };

export interface ChangeLogRow {
  seq: number;
  at: string;
  actor: string;
  device_id: string;
  table_name: string;
  row_id: string;
  op: string;
  fields: string;
  reason: string | null;
  hash: string;
}

/**
 * The change log of the period with human labels. Values are not copied (they may be personal data
 * and are in the registers): the log says who changed which fields of which record, when and why.
 */
export function changeLogSheet(rows: readonly ChangeLogRow[], period: Period): Sheet {
  const inPeriod = rows.filter((r) => r.at.slice(0, 10) >= period.from && r.at.slice(0, 10) <= period.to);
  return {
    name: 'Journal',
    title: [`Journal des modifications du ${dateLong(period.from, 'fr')} au ${dateLong(period.to, 'fr')} (${inPeriod.length} entrées)`],
    header: ['N°', 'Date et heure (UTC)', 'Auteur', 'Appareil', 'Objet', 'Identifiant', 'Opération', 'Champs modifiés', 'Motif', 'Empreinte (SHA-256 chaînée)'],
    rows: inPeriod.map((r) => {
      let fields: string;
      try {
        fields = Object.keys(JSON.parse(r.fields) as Record<string, unknown>).join(', ');
      } catch {
        fields = '';
      }
      return [String(r.seq), r.at.replace('T', ' ').replace(/\.\d+Z$|Z$/, ''), r.actor, r.device_id, TABLE_LABELS[r.table_name] ?? r.table_name, r.row_id, OP_LABELS[r.op] ?? r.op, fields, r.reason ?? '', r.hash];
    }),
    widths: [7, 19, 16, 28, 28, 28, 16, 30, 30, 66],
  };
}

export function auditText(report: { ok: boolean; entries: number; firstBroken?: unknown }, generatedAt: string, head: { hash: string | null; entries: number }): string {
  return [
    'VÉRIFICATION DE L’INTÉGRITÉ DU JOURNAL (audit verify)',
    '',
    `Vérification faite le ${generatedAt} (UTC)`,
    `Résultat : ${report.ok ? 'INTÈGRE — la chaîne d’empreintes est continue et chaque enregistrement correspond au journal.' : 'ROMPUE — voir le détail ci-dessous.'}`,
    `Entrées vérifiées : ${report.entries}`,
    `Empreinte de tête du journal : ${head.hash ?? '(journal vide)'}`,
    `Nombre d’entrées au moment de la génération : ${head.entries}`,
    ...(report.ok ? [] : ['', `Première rupture : ${JSON.stringify(report.firstBroken)}`]),
    '',
    'Méthode : chaque entrée du journal contient l’empreinte SHA-256 de l’entrée précédente du même appareil et des valeurs modifiées ; la vérification recalcule la chaîne puis rejoue le journal et compare le résultat à chaque enregistrement. Une modification faite hors de Vigie est détectée.',
  ].join('\r\n') + '\r\n';
}

export function readmeText(input: { organisation: string; period: Period; generatedAt: string; generator: string; actor: string; parts: readonly PackPart[]; files: Array<{ name: string; bytes: number }>; omitted?: string[]; descriptions: Record<string, string> }): string {
  const lines = [
    `DOSSIER DE CONTRÔLE CNIL — ${input.organisation || 'organisme'}`,
    '',
    `Période couverte : du ${dateLong(input.period.from, 'fr')} au ${dateLong(input.period.to, 'fr')}`,
    `Généré le : ${input.generatedAt} (UTC), par ${input.actor}, avec ${input.generator}`,
    `Parties incluses : ${input.parts.map((p) => PART_LABELS[p]).join(' ; ')}`,
    '',
    'CONTENU',
  ];
  for (const f of input.files) lines.push(`- ${f.name} (${f.bytes} octets) : ${input.descriptions[f.name] ?? ''}`);
  for (const o of input.omitted ?? []) lines.push(`- (version Word non incluse) ${o}`);
  lines.push(
    `- manifest.json : liste de chaque fichier avec son empreinte SHA-256 et sa taille, la version du logiciel, l’identifiant de l’espace de travail, la période, la date de génération, l’empreinte de tête et le nombre d’entrées du journal à ce moment (scellé).`,
    `- contenu.txt : empreintes SHA-256 de tous les fichiers au format de l’outil LOUTRE de la CNIL (Nom du document, Taille (octets), SHA256).`,
    '',
    'VÉRIFIER LE DOSSIER',
    '- Avec LOUTRE : ouvrir contenu.txt et comparer aux fichiers extraits de l’archive.',
    '- Avec Vigie : npm run cli -- pack verify CNIL-….zip --json',
    '- Sans outil : sha256sum (Linux), shasum -a 256 (macOS) ou CertUtil -hashfile FICHIER SHA256 (Windows), puis comparer à contenu.txt.',
    '',
    'Les dates des tableaux sont écrites JJ/MM/AAAA ; les horodatages du journal sont en temps universel (UTC).',
  );
  return lines.join('\r\n') + '\r\n';
}
