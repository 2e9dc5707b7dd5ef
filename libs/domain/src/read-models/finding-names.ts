/**
 * Names beside the ids of the recorded compliance findings (overrides, TM4, appeals without
 * remedy): the findings are computed from the compliance stream, the names from the career facts
 * (names.ts), so they are joined here once for the API and the CLI alike.
 */
import { assertNever } from '../events/domain-event';
import type { AppealRemedyMissingFinding, BothChiefsFinding, ComplianceFinding, OverrideFinding, VacancyFinding } from './compliance';
import type { NameLookup } from './names';

export type NamedComplianceFinding =
  | (OverrideFinding & {
      /** The cadre whose stream holds the overriding event; null for an org unit's event. */
      readonly cadreId: string | null;
      readonly cadreName: string | null;
      /** Beside `orgUnitIds`, in the same order. */
      readonly orgUnitNames: readonly (string | null)[];
    })
  | (VacancyFinding & { readonly orgUnitName: string | null })
  | (BothChiefsFinding & { readonly orgUnitName: string | null })
  | (AppealRemedyMissingFinding & { readonly cadreName: string | null });

export function namedComplianceFinding(f: ComplianceFinding, names: NameLookup): NamedComplianceFinding {
  switch (f.kind) {
    case 'OVERRIDE': {
      const cadreId = f.streamId.startsWith('cadre-') ? f.streamId.slice('cadre-'.length) : null;
      return { ...f, cadreId, cadreName: cadreId === null ? null : names.cadreName(cadreId), orgUnitNames: f.orgUnitIds.map((id) => names.orgUnitName(id)) };
    }
    case 'TM4_SECRETARY_VACANCY':
    case 'TM4_BOTH_CHIEFS_ADJUSTED':
      return { ...f, orgUnitName: names.orgUnitName(f.orgUnitId) };
    case 'APPEAL_REMEDY_MISSING':
      return { ...f, cadreName: names.cadreName(f.cadreId) };
    default:
      return assertNever(f, 'finding');
  }
}
