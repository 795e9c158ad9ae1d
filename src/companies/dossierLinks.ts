/** Where a company's dossier export opens: the printable page and the CSV (signed links name these paths). */
export function dossierPaths(companyId: number): { page: string; csv: string } {
  return { page: `/dossier/${companyId}`, csv: `/api/companies/${companyId}/dossier.csv` };
}
