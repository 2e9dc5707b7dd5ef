/** Pure generator API; the stream writer lives in ./cli-adapter (kept out so the core stays I/O-free). */
export { generateCounty, DEFAULT_END_YEAR, type GenerateCountyOptions } from './generate-county';
export type {
  ImportLine,
  ImportLineOf,
  ImportableEventType,
  CadreImportLine,
  OrgUnitImportLine,
  AppealImportLine,
  CadreEventType,
  OrgUnitEventType,
  AppealEventType,
} from './import-line';
