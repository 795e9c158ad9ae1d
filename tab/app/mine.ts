/** `GET /api/mine` as the tab reads it: every text already in the reader's language. */
export type OpenItemKind = 'alert' | 'inspection' | 'action' | 'request';

export interface OpenItem {
  kind: OpenItemKind;
  ref: string;
  heading: string;
  line: string;
  tone: 'default' | 'warning' | 'attention';
}

export interface MyOpenItems {
  today: string;
  authority: { id: string; shortName: string; memberState: string | null };
  title: string;
  intro: string;
  sections: Array<{ kind: OpenItemKind; title: string; empty: string; more: string; items: OpenItem[] }>;
}
