import { makeStyles, tokens, type GriffelStyle } from '@fluentui/react-components';

/** The frame shared by every view: page padding, and a header that wraps on narrow screens. */
export const usePageStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    boxSizing: 'border-box',
    '@media (max-width: 36rem)': { padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}` },
  },
  compactPage: {
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
  },
  heading: { margin: 0 },
  tools: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalS },
  brand: { color: tokens.colorNeutralForeground2, display: 'block' },
});

/** A button that is a whole row of a list: it keeps the row's text, font and alignment and drops the button's look. */
export const ROW_BUTTON: GriffelStyle = {
  display: 'flex',
  flexDirection: 'column',
  width: '100%',
  textAlign: 'start',
  background: 'none',
  border: 'none',
  color: 'inherit',
  font: 'inherit',
  cursor: 'pointer',
};
