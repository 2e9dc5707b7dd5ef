/**
 * A report page as data: a route, a title, the capability, the parameters it takes beyond the
 * header's view (as form fields), how to fetch the answer, a few headline figures, the answer's
 * tables (paged) and, where a person would rather look than read, a chart. A report of the API
 * becomes a page by adding one entry to REPORTS (reports.tsx).
 */
import type { ColumnsType } from 'antd/es/table';
import type { EChartsOption } from 'echarts';
import type { ReactNode } from 'react';
import type { Capability } from './session';

/** A report's own parameter, shown as a labelled form field and kept in the URL. */
export type ReportParam = 'year' | 'township' | 'rule';

export interface ReportContext {
  asOf: string;
  knownAt: string | undefined;
  /** The report's year (year reports; default: the year before asOf's, like the findings). */
  year: number;
  /** The year the user chose (the URL's), undefined when none: a report whose year is a filter (`optionalYear`) takes this. */
  yearChosen: number | undefined;
  township: string | undefined;
  /** A rule id or its prefix (TM1, TM1.chief-experience, N4…). */
  rule: string | undefined;
  orgUnitName(id: string): string | undefined;
}

export interface ReportTable<Answer, Row = any> {
  /** Also the table's test id suffix (`report-table-<key>`, `report-count-<key>`). */
  key: string;
  title?: string;
  rows(answer: Answer): Row[];
  rowKey(row: Row): string;
  /** Or made from the answer, for a heading that says one of its settings (TM3's cycles). */
  columns: ColumnsType<Row> | ((answer: Answer | undefined) => ColumnsType<Row>);
  /** Detail under a row (e.g. a team's members), opened on demand. */
  expand?(row: Row): ReactNode;
}

export interface ReportFigure {
  label: string;
  value: string | number;
  testId: string;
}

export interface ReportDefinition<Answer = any> {
  route: string;
  title: string;
  needs: Capability;
  description: string;
  params?: readonly ReportParam[];
  /** Its year narrows the answer rather than choosing it (the findings): the field is empty until the user chooses one, and says what empty means. */
  optionalYear?: { placeholder: string };
  fetch(view: ReportContext): Promise<Answer>;
  /** The same question as an Excel workbook (导出 Excel), where the API answers one: the route and its query. */
  xlsx?(view: ReportContext): { path: string; query: Record<string, string | undefined> };
  figures?(answer: Answer): ReportFigure[];
  /** The first table's row count is the page's headline count (`report-count`). */
  tables: readonly ReportTable<Answer>[];
  chart?(answer: Answer, view: ReportContext): EChartsOption | null;
}

/** Helps TypeScript check one report's tables against its answer type. */
export const defineReport = <Answer,>(r: ReportDefinition<Answer>): ReportDefinition<Answer> => r;
export const table = <Answer, Row>(t: ReportTable<Answer, Row>): ReportTable<Answer, Row> => t;
