import nace from './nace-rev2.json';

export const NACE_REVISION = nace.revision;

export interface NaceDivision {
  code: string;
  section: string;
  labels: Record<string, string>;
}

const divisions: NaceDivision[] = nace.divisions;
const byCode = new Map(divisions.map((division) => [division.code, division]));

/** The sector list of forms and filters: NACE Rev. 2 divisions (two digits). */
export function naceDivisions(): readonly NaceDivision[] {
  return divisions;
}

export function isNaceDivision(code: string): boolean {
  return byCode.has(code);
}

export function naceLabel(code: string, language: string): string {
  const division = byCode.get(code);
  return division ? (division.labels[language] ?? division.labels.en) : code;
}
