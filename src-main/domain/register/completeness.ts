/**
 * Completeness check of register entries (GDPR Art. 30, with the related Arts 6, 9, 10, 26, 35, 49
 * and the French NIR rules). Pure and deterministic: the only outside input is `ctx.today`
 * (defaults to the machine's local date), used for the review-date rule.
 *
 * Which rules apply depends on the role:
 * - controller / joint controller: the Art. 30(1) record, plus legal basis (Art. 6), Art. 9(2)
 *   condition, recipients and DPIA screening, which the register is expected to document;
 * - processor: the Art. 30(2) record only — name, client controllers, categories of processing
 *   (the purposes), transfers and security. Legal basis, data categories, retention, recipients and
 *   the DPIA are the client controller's records.
 *
 * SCORE (0–100). Every rule that applies to the activity is a check with a weight:
 *   error-severity rules weigh 3, warning-severity rules weigh 1.
 * A check covering several items (e.g. retention, one item per data category) passes in
 * proportion: 1 − failedItems / items. Then
 *   score = round(100 × Σ weight × passedFraction / Σ weight).
 * Rules that do not apply (no transfers, no special-category data, role…) are left out of both
 * sums, so the score measures the record against what it has to contain. A record that lacks
 * everything scores 0; a record with no issue scores 100. Informational warnings (NIR, criminal
 * data) are checks that cannot pass, so such a record tops out just below 100 — on purpose, the
 * DPO should look at it.
 */
import { DomainError } from '../errors';
import type { ActivityInput } from './activity';
import { countryName } from '../transfers';
import { WP248_CRITERIA, screenDpia } from './dpia';
import { transferToolLabel, unrecordedVendorTransfers, vendorsForActivity, type RegisterVendor } from './vendor-links';
import { SPECIAL_CATEGORIES, isArt9Kind, isEeaCountry, type Label, type SpecialCategoryKind } from './vocabulary';
import { dateTimeFormat } from '../intl-cache';

export type IssueSeverity = 'error' | 'warning';

export type IssueCode =
  | 'name_missing'
  | 'joint_controller_missing'
  | 'client_controller_missing'
  | 'client_controller_contact_missing'
  | 'purpose_missing'
  | 'legal_basis_missing'
  | 'legitimate_interest_missing'
  | 'art9_condition_missing'
  | 'criminal_offence_data'
  | 'nir_processed'
  | 'data_subjects_missing'
  | 'data_categories_missing'
  | 'retention_missing'
  | 'recipients_missing'
  | 'transfer_safeguard_missing'
  | 'transfer_derogation_undocumented'
  | 'security_measures_missing'
  | 'dpia_not_done'
  | 'dpia_not_done_justified'
  | 'dpia_decision_undocumented'
  | 'processor_not_linked'
  | 'processor_vendor_missing'
  | 'vendor_transfer_not_recorded'
  | 'review_overdue';

export type CompletenessIssue = {
  code: IssueCode;
  severity: IssueSeverity;
  /** Dotted path into the activity, as in schema errors: 'purposes.0.legalBasis'. */
  field: string;
  article: string;
  message: { fr: string; en: string };
};

export type CompletenessResult = { score: number; issues: CompletenessIssue[] };

export type CompletenessContext = {
  today?: string;
  /**
   * The vendor register, when the caller has it: processors are then checked against it (links,
   * free-text names to link) and the activity's transfers against the linked vendors' transfers.
   * Left out (pure checks of a draft alone), those rules do not apply.
   */
  vendors?: readonly RegisterVendor[];
  /** The activity's id, to find the vendors that list it. */
  activityId?: string;
};

export const SEVERITY_WEIGHTS: Readonly<Record<IssueSeverity, number>> = { error: 3, warning: 1 };

type Failure = { field: string; message: Label };
type Check = { code: IssueCode; severity: IssueSeverity; items: number; failed: number };

const blank = (value: string | null | undefined): boolean => value === undefined || value === null || value.trim() === '';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function resolveToday(today: string | undefined): string {
  if (today === undefined) {
    const now = new Date();
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    throw new DomainError('invalid_date', `"today" must be a date written YYYY-MM-DD, got "${today}"`, { today });
  }
  return today;
}

/** « 1er décembre 2026 » / "1 December 2026": never an ISO date in a sentence a person reads. */
export function longDate(iso: string, lang: 'fr' | 'en'): string {
  const s = dateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso.slice(0, 10)}T12:00:00Z`));
  return lang === 'fr' ? s.replace(/^1 /, '1er ') : s;
}

function specialList(kinds: readonly SpecialCategoryKind[], lang: 'fr' | 'en'): string {
  return [...new Set(kinds)].map((k) => SPECIAL_CATEGORIES[k].label[lang].toLowerCase()).join(', ');
}

export function checkActivity(activity: ActivityInput, ctx: CompletenessContext = {}): CompletenessResult {
  const { checks, issues } = runChecks(activity, ctx);
  return { score: score(checks), issues };
}

/**
 * What a stored completeness keeps (services/activity-index.ts, migration 0013): the result without
 * the review-date rule — the last rule, and the only one that reads `today` — as the sums of weights
 * and earned weights of the other rules, in their order, and their issues counted. `scoreWithReview`
 * then adds the review rule for a given day exactly as `checkActivity` does (same additions, same order).
 */
export function completenessWithoutReview(activity: ActivityInput, ctx: CompletenessContext = {}): { weight: number; earned: number; errors: number; warnings: number; dpiaRequired: boolean; reviewDate: string | null } {
  // The review rule is left out below, so the day it would read does not matter: the earliest day,
  // on which no review is overdue, spares reading the clock and writing the overdue message (two
  // long dates) for a result that is thrown away.
  const { checks, issues } = runChecks(activity, { ...ctx, today: NO_REVIEW_DUE });
  const last = checks[checks.length - 1];
  const kept = last?.code === 'review_overdue' ? checks.slice(0, -1) : checks;
  if (kept.some((c) => c.code === 'review_overdue')) throw new Error('completeness: the review rule must be the last one');
  const sums = accumulate(kept);
  const others = issues.filter((i) => i.code !== 'review_overdue');
  return {
    weight: sums.total,
    earned: sums.earned,
    errors: others.filter((i) => i.severity === 'error').length,
    warnings: others.filter((i) => i.severity === 'warning').length,
    dpiaRequired: others.some((i) => i.code === 'dpia_not_done'),
    reviewDate: activity.reviewDate ?? null,
  };
}

/** A day before every review date: the review rule it is checked on finds nothing overdue. */
const NO_REVIEW_DUE = '0000-01-01';

/** The score and the review issue of a stored completeness on `today` (see completenessWithoutReview). */
export function scoreWithReview(parts: { weight: number; earned: number; reviewDate: string | null }, today: string): { score: number; reviewOverdue: boolean } {
  if (parts.reviewDate === null) return { score: scoreOf({ total: parts.weight, earned: parts.earned }), reviewOverdue: false };
  const overdue = parts.reviewDate < resolveToday(today);
  const sums = { total: parts.weight, earned: parts.earned };
  add(sums, { code: 'review_overdue', severity: 'warning', items: 1, failed: overdue ? 1 : 0 });
  return { score: scoreOf(sums), reviewOverdue: overdue };
}

function runChecks(activity: ActivityInput, ctx: CompletenessContext): { checks: Check[]; issues: CompletenessIssue[] } {
  const today = resolveToday(ctx.today);
  const isProcessor = activity.role === 'processor';
  const record = isProcessor ? 'Art. 30(2)' : 'Art. 30(1)';
  const checks: Check[] = [];
  const issues: CompletenessIssue[] = [];

  /** Records one applicable rule: `items` things checked, `failures` the ones missing. */
  const check = (severity: IssueSeverity, code: IssueCode, article: string, items: number, failures: Failure[]) => {
    const total = Math.max(1, items);
    checks.push({ code, severity, items: total, failed: Math.min(total, failures.length) });
    for (const f of failures) issues.push({ code, severity, field: f.field, article, message: { ...f.message } });
  };

  const purposeName = (index: number): Label => {
    const description = activity.purposes[index]?.description ?? '';
    return blank(description)
      ? { fr: `la finalité n° ${index + 1}`, en: `purpose ${index + 1}` }
      : { fr: `la finalité « ${description} »`, en: `purpose '${description}'` };
  };

  // -- Identification and actors ---------------------------------------------------------------

  check('error', 'name_missing', record, 1, blank(activity.name)
    ? [{ field: 'name', message: { fr: "Le traitement n'a pas de nom.", en: 'The processing activity has no name.' } }]
    : []);

  if (activity.role === 'joint-controller') {
    check('error', 'joint_controller_missing', 'Art. 26', 1, blank(activity.jointControllerName)
      ? [{
          field: 'jointControllerName',
          message: {
            fr: "Responsabilité conjointe : le ou les coresponsables du traitement ne sont pas nommés.",
            en: 'Joint controllership: the joint controller(s) are not named.',
          },
        }]
      : []);
  }

  if (isProcessor) {
    check('error', 'client_controller_missing', 'Art. 30(2)(a)', 1, activity.clientControllers.length === 0
      ? [{
          field: 'clientControllers',
          message: {
            fr: 'Traitement en qualité de sous-traitant : aucun responsable de traitement pour le compte duquel il est effectué.',
            en: 'Processor activity: no controller named on whose behalf the processing is carried out.',
          },
        }]
      : []);
  }

  if (isProcessor && activity.clientControllers.length > 0) {
    check('error', 'client_controller_contact_missing', 'Art. 30(2)(a)', activity.clientControllers.length,
      activity.clientControllers.flatMap((c, i) => blank(c.contact)
        ? [{
            field: `clientControllers.${i}.contact`,
            message: {
              fr: `Les coordonnées du responsable de traitement « ${c.name} » ne sont pas indiquées.`,
              en: `The contact details of controller '${c.name}' are not recorded.`,
            },
          }]
        : []));
  }

  // -- Purposes and lawfulness -----------------------------------------------------------------

  const purposeArticle = isProcessor ? 'Art. 30(2)(b)' : 'Art. 30(1)(b)';
  if (activity.purposes.length === 0) {
    check('error', 'purpose_missing', purposeArticle, 1, [{
      field: 'purposes',
      message: isProcessor
        ? { fr: "Aucune catégorie de traitement (finalité) n'est indiquée.", en: 'No category of processing (purpose) is stated.' }
        : { fr: "Aucune finalité n'est indiquée.", en: 'No purpose is stated.' },
    }]);
  } else {
    check('error', 'purpose_missing', purposeArticle, activity.purposes.length,
      activity.purposes.flatMap((p, i) => blank(p.description)
        ? [{
            field: `purposes.${i}.description`,
            message: { fr: `La finalité n° ${i + 1} n'est pas décrite.`, en: `Purpose ${i + 1} has no description.` },
          }]
        : []));
  }

  if (!isProcessor && activity.purposes.length > 0) {
    check('error', 'legal_basis_missing', 'Art. 6(1)', activity.purposes.length,
      activity.purposes.flatMap((p, i) => p.legalBasis
        ? []
        : [{
            field: `purposes.${i}.legalBasis`,
            message: {
              fr: `Aucune base légale pour ${purposeName(i).fr}.`,
              en: `No legal basis for ${purposeName(i).en}.`,
            },
          }]));

    const li = activity.purposes
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => p.legalBasis === 'legitimate-interests');
    if (li.length > 0) {
      check('error', 'legitimate_interest_missing', 'Art. 6(1)(f)', li.length,
        li.flatMap(({ p, i }) => blank(p.legitimateInterest)
          ? [{
              field: `purposes.${i}.legitimateInterest`,
              message: {
                fr: `${capitalise(purposeName(i).fr)} repose sur l'intérêt légitime sans préciser l'intérêt poursuivi.`,
                en: `${capitalise(purposeName(i).en)} relies on legitimate interests but does not state the interest pursued.`,
              },
            }]
          : []));
    }
  }

  // -- Sensitive data --------------------------------------------------------------------------

  const sensitive = activity.dataCategories
    .map((c, i) => ({ c, i, kind: c.special ?? null }))
    .filter((x): x is { c: (typeof activity.dataCategories)[number]; i: number; kind: SpecialCategoryKind } => x.kind !== null);

  const art9 = sensitive.filter((x) => isArt9Kind(x.kind));
  if (!isProcessor && art9.length > 0) {
    const hasCondition = activity.purposes.some((p) => !!p.art9Condition);
    check('error', 'art9_condition_missing', 'Art. 9(2)', 1, hasCondition
      ? []
      : [{
          field: 'purposes',
          message: {
            fr: `Données sensibles (${specialList(art9.map((x) => x.kind), 'fr')}) sans condition de l'article 9, § 2, sur aucune finalité.`,
            en: `Special-category data (${specialList(art9.map((x) => x.kind), 'en')}) without an Art. 9(2) condition on any purpose.`,
          },
        }]);
  }

  const criminal = sensitive.filter((x) => x.kind === 'criminal-offence');
  if (criminal.length > 0) {
    const labels = criminal.map((x) => x.c.label);
    check('warning', 'criminal_offence_data', 'Art. 10', 1, [{
      field: `dataCategories.${criminal[0]!.i}.special`,
      message: {
        fr: `Données relatives aux condamnations pénales et aux infractions (${labels.map((l) => `« ${l} »`).join(', ')}) : leur traitement n'est possible que sous le contrôle de l'autorité publique ou s'il est autorisé par le droit de l'Union ou d'un État membre. Indiquez le texte qui l'autorise.`,
        en: `Criminal convictions and offences data (${labels.map((l) => `'${l}'`).join(', ')}): they may be processed only under the control of official authority or when authorised by Union or Member State law. Record the text that authorises it.`,
      },
    }]);
  }

  const nir = sensitive.filter((x) => x.kind === 'nir');
  if (nir.length > 0) {
    check('warning', 'nir_processed', SPECIAL_CATEGORIES.nir.article, 1, [{
      field: `dataCategories.${nir[0]!.i}.special`,
      message: {
        fr: "Le NIR (numéro de sécurité sociale) est traité : son usage est strictement encadré (loi Informatique et Libertés, art. 30 ; décret n° 2019-341 du 19 avril 2019). Vérifiez que la finalité fait partie des cas autorisés.",
        en: 'The French NIR (social security number) is processed: its use is strictly restricted (French Data Protection Act, Art. 30; Decree 2019-341 of 19 April 2019). Check that the purpose is one of the authorised cases.',
      },
    }]);
  }

  // -- Data subjects, data, retention, recipients (controller record) ---------------------------

  if (!isProcessor) {
    check('error', 'data_subjects_missing', 'Art. 30(1)(c)', 1, activity.dataSubjects.length === 0
      ? [{
          field: 'dataSubjects',
          message: { fr: 'Aucune catégorie de personnes concernées.', en: 'No categories of data subjects.' },
        }]
      : []);

    check('error', 'data_categories_missing', 'Art. 30(1)(c)', 1, activity.dataCategories.length === 0
      ? [{
          field: 'dataCategories',
          message: { fr: 'Aucune catégorie de données personnelles.', en: 'No categories of personal data.' },
        }]
      : []);

    if (activity.dataCategories.length > 0) {
      check('error', 'retention_missing', 'Art. 30(1)(f)', activity.dataCategories.length,
        activity.dataCategories.flatMap((c, i) => c.retention
          ? []
          : [{
              field: `dataCategories.${i}.retention`,
              message: {
                fr: `Pas de durée de conservation pour « ${c.label} ».`,
                en: `No retention period for '${c.label}'.`,
              },
            }]));
    }

    check('warning', 'recipients_missing', 'Art. 30(1)(d)', 1, activity.recipients.length === 0
      ? [{
          field: 'recipients',
          message: {
            fr: "Aucun destinataire n'est indiqué (les services internes habilités en sont aussi).",
            en: 'No recipients are recorded (authorised internal departments count too).',
          },
        }]
      : []);
  }

  // -- Transfers outside the EEA ---------------------------------------------------------------

  const thirdCountry = activity.transfers.map((t, i) => ({ t, i })).filter(({ t }) => !isEeaCountry(t.country));
  if (thirdCountry.length > 0) {
    check('error', 'transfer_safeguard_missing', isProcessor ? 'Art. 30(2)(c)' : 'Art. 30(1)(e)', thirdCountry.length,
      thirdCountry.flatMap(({ t, i }) => t.tool
        ? []
        : [{
            field: `transfers.${i}.tool`,
            message: {
              fr: `Transfert vers un pays tiers (${countryName(t.country).fr}, « ${t.recipient} ») sans garantie enregistrée (adéquation, clauses contractuelles types, BCR, dérogation… — chapitre V).`,
              en: `Transfer to a third country (${countryName(t.country).en}, '${t.recipient}') with no safeguard recorded (adequacy, SCCs, BCRs, derogation… — Chapter V).`,
            },
          }]));
  }

  const derogations = activity.transfers.map((t, i) => ({ t, i })).filter(({ t }) => t.tool === 'derogation');
  if (derogations.length > 0) {
    check('error', 'transfer_derogation_undocumented', 'Art. 49(1)', derogations.length,
      derogations.flatMap(({ t, i }) => blank(t.detail)
        ? [{
            field: `transfers.${i}.detail`,
            message: {
              fr: `Le transfert vers « ${t.recipient} » (${countryName(t.country).fr}) repose sur une dérogation de l'article 49 sans précision : indiquez laquelle s'applique et pourquoi (transfert occasionnel ; pour les intérêts légitimes impérieux, garanties documentées et information de la CNIL).`,
              en: `The transfer to '${t.recipient}' (${countryName(t.country).en}) relies on an Art. 49 derogation without detail: state which one applies and why (occasional transfer; for compelling legitimate interests, documented safeguards and the supervisory authority informed).`,
            },
          }]
        : []));
  }

  // -- The register against the vendor file ----------------------------------------------------

  if (ctx.vendors) {
    const vendorIds = new Set(ctx.vendors.map((v) => v.id));
    const processorArticle = isProcessor ? 'Art. 28(2)' : 'Art. 30(1)(d)';
    if (activity.processors.length > 0) {
      check('warning', 'processor_not_linked', processorArticle, activity.processors.length,
        activity.processors.flatMap((p, i) => p.vendorId
          ? []
          : [{
              field: `processors.${i}`,
              message: {
                fr: `Le sous-traitant « ${p.name} » n'est pas relié à une fiche du registre des sous-traitants : choisissez la fiche correspondante (ou créez-la), pour que le registre et la fiche ne divergent pas.`,
                en: `Processor '${p.name}' is not linked to a record of the vendor register: pick the matching record (or create it) so the register and the vendor file cannot drift apart.`,
              },
            }]));
      const dangling = activity.processors.map((p, i) => ({ p, i })).filter(({ p }) => p.vendorId && !vendorIds.has(p.vendorId));
      if (dangling.length > 0) {
        check('error', 'processor_vendor_missing', processorArticle, dangling.length, dangling.map(({ p, i }) => ({
          field: `processors.${i}.vendorId`,
          message: {
            fr: `Le sous-traitant « ${p.name || p.vendorId} » renvoie à une fiche qui n'est plus dans le registre des sous-traitants (supprimée ?) : choisissez une autre fiche ou retirez-le.`,
            en: `Processor '${p.name || p.vendorId}' points to a record that is no longer in the vendor register (deleted?): pick another record or remove it.`,
          },
        })));
      }
    }
    const unrecorded = unrecordedVendorTransfers(ctx.activityId, activity, ctx.vendors);
    if (unrecorded.length > 0) {
      const noTransfer = activity.transfers.every((t) => isEeaCountry(t.country));
      check('error', 'vendor_transfer_not_recorded', isProcessor ? 'Art. 30(2)(c)' : 'Art. 30(1)(e)', unrecorded.length, unrecorded.map((u) => {
        const tool = transferToolLabel(u.tool, u.sccModule);
        const country = countryName(u.country);
        return {
          field: 'transfers',
          message: {
            fr: `${noTransfer ? "La fiche n'indique aucun transfert hors EEE, alors que" : 'La fiche ne mentionne pas le transfert vers ce pays, alors que'} d'après le registre des sous-traitants, le prestataire « ${u.vendor.name} », qui lui est rattaché, transfère des données hors EEE (pays : ${country.fr} ; garantie : ${tool ? tool.fr.charAt(0).toLowerCase() + tool.fr.slice(1) : 'aucune enregistrée'}). Ajoutez ce transfert à la fiche ou corrigez la fiche du prestataire.`,
            en: `${noTransfer ? 'The record states no transfer outside the EEA, yet' : 'The record does not mention the transfer to this country, yet'} according to the vendor register, vendor '${u.vendor.name}', linked to it, transfers data outside the EEA (country: ${country.en}; safeguard: ${tool ? tool.en : 'none recorded'}). Add the transfer to the record or correct the vendor's file.`,
          },
        };
      }));
    }
  }

  // -- Security --------------------------------------------------------------------------------

  const security = activity.securityMeasures;
  check('error', 'security_measures_missing', isProcessor ? 'Art. 30(2)(d)' : 'Art. 30(1)(g)', 1,
    security.catalogue.length === 0 && blank(security.other)
      ? [{
          field: 'securityMeasures',
          message: { fr: "Aucune mesure de sécurité n'est décrite.", en: 'No security measures are described.' },
        }]
      : []);

  // -- DPIA (controller) -----------------------------------------------------------------------

  if (!isProcessor) {
    const screening = screenDpia(activity.dpia);
    const done = activity.dpia.done === true;
    const criterionLabels = (lang: 'fr' | 'en') =>
      screening.matched.criteria.map((id) => WP248_CRITERIA[id].label[lang].toLowerCase()).join(', ');
    if (screening.result === 'required' || screening.result === 'likely') {
      // Two or more WP248 criteria alone: the controller may decide there is no high risk, if it
      // documents why (WP248). Art. 35(3) cases and the CNIL list (Art. 35(4)) leave no such room.
      const byCriteriaOnly = screening.matched.cnilListItems.length === 0 && screening.matched.art35_3.length === 0;
      if (byCriteriaOnly && !done && !blank(activity.dpia.note)) {
        check('warning', 'dpia_not_done_justified', 'Art. 35(1)', 1, [{
          field: 'dpia.done',
          message: {
            fr: `Aucune AIPD alors que ${screening.matched.criteria.length} critères WP248 sont remplis ; une justification est notée. Vérifiez qu'elle établit l'absence de risque élevé : dans la plupart des cas, deux critères imposent une AIPD.`,
            en: `No DPIA although ${screening.matched.criteria.length} WP248 criteria are met; a justification is recorded. Check that it shows there is no high risk: in most cases two criteria call for a DPIA.`,
          },
        }]);
      } else {
        check('error', 'dpia_not_done', screening.result === 'required' ? 'Art. 35(3)' : byCriteriaOnly ? 'Art. 35(1)' : 'Art. 35(4)', 1, done
          ? []
          : [{
              field: 'dpia.done',
              message: {
                fr: `Une AIPD ${screening.result === 'required' ? 'est obligatoire' : 'est probablement nécessaire'} mais n'est pas indiquée comme réalisée. ${screening.reasons.fr.join(' ')}`,
                en: `A DPIA is ${screening.result === 'required' ? 'required' : 'likely needed'} but is not recorded as done. ${screening.reasons.en.join(' ')}`,
              },
            }]);
      }
    } else if (screening.result === 'to-examine') {
      check('warning', 'dpia_decision_undocumented', 'Art. 35(1)', 1, done || !blank(activity.dpia.note)
        ? []
        : [{
            field: 'dpia.note',
            message: {
              fr: `Un critère WP248 est rempli (${criterionLabels('fr')}) : AIPD à examiner. Réalisez-la ou notez pourquoi elle n'est pas nécessaire.`,
              en: `One WP248 criterion is met (${criterionLabels('en')}): DPIA to examine. Carry it out or record why it is not needed.`,
            },
          }]);
    }
  }

  // -- Review ----------------------------------------------------------------------------------

  if (activity.reviewDate !== undefined) {
    check('warning', 'review_overdue', 'Art. 24(1)', 1, activity.reviewDate < today
      ? [{
          field: 'reviewDate',
          message: {
            fr: `La date de revue de la fiche (${longDate(activity.reviewDate, 'fr')}) est dépassée.`,
            en: `The review date of this record (${longDate(activity.reviewDate, 'en')}) has passed.`,
          },
        }]
      : []);
  }

  return { checks, issues };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function add(sums: { total: number; earned: number }, c: Check): void {
  const weight = SEVERITY_WEIGHTS[c.severity];
  sums.total += weight;
  sums.earned += weight * (1 - c.failed / c.items);
}

function accumulate(checks: readonly Check[]): { total: number; earned: number } {
  const sums = { total: 0, earned: 0 };
  for (const c of checks) add(sums, c);
  return sums;
}

function scoreOf(sums: { total: number; earned: number }): number {
  return sums.total === 0 ? 100 : Math.round((100 * sums.earned) / sums.total);
}

function score(checks: readonly Check[]): number {
  return scoreOf(accumulate(checks));
}

// ---------------------------------------------------------------------------------------------
// Whole register

export type RegisterActivityResult = CompletenessResult & {
  index: number;
  id?: string;
  name: string;
  status: ActivityInput['status'];
};

export type RegisterCheck = {
  /**
   * Mean of the scores of the activities that are not retired, rounded; 0 for a register with no
   * such activity (an empty register is not a complete one).
   */
  score: number;
  /** Every activity, retired ones included, in input order. */
  byActivity: RegisterActivityResult[];
  /** Counts over the activities that are not retired. */
  counts: {
    activities: number;
    retired: number;
    errors: number;
    warnings: number;
    /** Activities with at least one error. */
    withErrors: number;
    /** Activities with no issue at all. */
    complete: number;
    byCode: Partial<Record<IssueCode, number>>;
  };
};

export function checkRegister(
  activities: ReadonlyArray<ActivityInput & { id?: string }>,
  ctx: CompletenessContext = {},
): RegisterCheck {
  // Each activity against the vendors that concern it (vendor-links.ts): the same issues as against all.
  const subset = ctx.vendors ? vendorsForActivity(ctx.vendors) : null;
  const byActivity: RegisterActivityResult[] = activities.map((activity, index) => {
    const own = activity.id !== undefined ? { ...ctx, activityId: activity.id } : ctx;
    return {
      index,
      ...(activity.id !== undefined ? { id: activity.id } : {}),
      name: activity.name,
      status: activity.status,
      ...checkActivity(activity, subset ? { ...own, vendors: subset(activity.id, activity) } : own),
    };
  });
  const live = byActivity.filter((a) => a.status !== 'retired');
  const counts: RegisterCheck['counts'] = {
    activities: live.length,
    retired: byActivity.length - live.length,
    errors: 0,
    warnings: 0,
    withErrors: 0,
    complete: 0,
    byCode: {},
  };
  for (const a of live) {
    if (a.issues.length === 0) counts.complete += 1;
    if (a.issues.some((i) => i.severity === 'error')) counts.withErrors += 1;
    for (const issue of a.issues) {
      if (issue.severity === 'error') counts.errors += 1;
      else counts.warnings += 1;
      counts.byCode[issue.code] = (counts.byCode[issue.code] ?? 0) + 1;
    }
  }
  return { score: registerScore(byActivity), byActivity, counts };
}

/** The register's score: the mean score of its activities that are not retired (0 when there are none). */
export function registerScore(activities: ReadonlyArray<{ status: string; score: number }>): number {
  const live = activities.filter((a) => a.status !== 'retired');
  return live.length === 0 ? 0 : Math.round(live.reduce((sum, a) => sum + a.score, 0) / live.length);
}

/** Views of the register list (the dashboard links to them: #/register?view=issues): activities to fix (not retired), active, drafts. */
export const REGISTER_VIEWS = ['issues', 'active', 'draft'] as const;
