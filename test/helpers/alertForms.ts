/** A complete, valid /alert form submission (the values a user types), shared by the alert tests. */
export const VALID_ALERT_FORM = {
  companyName: 'Construções Atlântico Demo, Lda (fictional)',
  identifierType0: 'pt_nipc',
  identifierValue0: '599 004 002',
  identifierCountry0: '',
  registrationCountry: 'PT',
  countriesConcerned: 'FR,ES',
  sector: '43',
  fraudTypes: 'letterbox_company,fraudulent_posting',
  urgency: 'priority',
  summary: 'Posted workers on two sites in Bordeaux without PD A1; registered office in Lisbon looks like a mailbox.',
  imiRequestNumber: '',
  caseReference: 'ACT-2026-117',
};
