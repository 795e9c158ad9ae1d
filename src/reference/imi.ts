/**
 * An IMI request number as users copy it from IMI (letters, digits and the separators IMI and
 * national systems print), never markup; the same rule wherever a record carries one.
 */
const IMI_REQUEST_NUMBER = /^[\p{L}\d][\p{L}\d ./_-]{0,39}$/u;

export function isImiRequestNumber(text: string): boolean {
  return IMI_REQUEST_NUMBER.test(text);
}
