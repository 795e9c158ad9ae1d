import type { Activity } from 'botbuilder';

/**
 * What the app can answer among invokes, and the answer Teams documents for each kind when the
 * payload is not one the app can use (a button of an old card, a broken client). Checked before
 * anyone is identified, so a refused invoke stores nothing; the handlers then validate the
 * fields they read.
 */

export interface InvokeRoutes {
  verbs: ReadonlySet<string>;
  /** Message-extension search commands (composeExtension/query). */
  queryCommands: ReadonlySet<string>;
  /** Message-extension action commands (composeExtension/fetchTask and submitAction). */
  actionCommands: ReadonlySet<string>;
}

/** Invoke names the app answers; any other is not implemented (501), as botbuilder says. */
export function isHandledInvoke(name: string): boolean {
  return name === 'adaptiveCard/action' || name.startsWith('composeExtension/') || name === 'task/fetch' || name === 'task/submit';
}

export type InvokeCheck = { kind: 'route' } | { kind: 'unhandled' } | { kind: 'refuse'; code: InvokeRefusalCode };

/** Catalogue keys under errors.invoke: the message a refused invoke shows. */
export type InvokeRefusalCode = 'cardOutOfDate' | 'cardUnreadable' | 'extensionUnavailable' | 'extensionUnreadable' | 'dialogUnavailable';

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Card data is what Input elements and our buttons put there: flat strings, numbers and booleans. */
function isCardData(data: unknown): boolean {
  if (data === undefined || data === null) return true;
  if (!isPlainObject(data)) return false;
  return Object.entries(data).every(([key, value]) => key === 'msteams' || value === null || ['string', 'number', 'boolean'].includes(typeof value));
}

function checkCardAction(value: unknown, routes: InvokeRoutes): InvokeCheck {
  if (!isPlainObject(value) || !isPlainObject(value.action)) return { kind: 'refuse', code: 'cardUnreadable' };
  const action = value.action;
  if (action.type !== 'Action.Execute' || !isCardData(action.data)) return { kind: 'refuse', code: 'cardUnreadable' };
  if (typeof action.verb !== 'string' || !routes.verbs.has(action.verb)) return { kind: 'refuse', code: 'cardOutOfDate' };
  return { kind: 'route' };
}

function checkQuery(value: Record<string, unknown>, routes: InvokeRoutes): InvokeCheck {
  if (typeof value.commandId !== 'string' || !routes.queryCommands.has(value.commandId)) return { kind: 'refuse', code: 'extensionUnavailable' };
  const parameters = value.parameters;
  const usable = parameters === undefined || (Array.isArray(parameters) && parameters.every((p) => isPlainObject(p) && typeof p.name === 'string' && ['string', 'number', 'undefined'].includes(typeof p.value)));
  return usable ? { kind: 'route' } : { kind: 'refuse', code: 'extensionUnreadable' };
}

export function checkInvoke(activity: Pick<Activity, 'name' | 'value'>, routes: InvokeRoutes): InvokeCheck {
  const name = activity.name ?? '';
  if (!isHandledInvoke(name)) return { kind: 'unhandled' };
  const value = activity.value as unknown;
  if (name === 'adaptiveCard/action') return checkCardAction(value, routes);
  // The app opens its dialogs from the message extension only; a task/* invoke is from an old card.
  if (name === 'task/fetch' || name === 'task/submit') return { kind: 'refuse', code: 'dialogUnavailable' };
  if (!isPlainObject(value)) return { kind: 'refuse', code: 'extensionUnreadable' };
  switch (name) {
    case 'composeExtension/query':
      return checkQuery(value, routes);
    case 'composeExtension/selectItem':
      return { kind: 'route' };
    case 'composeExtension/fetchTask':
    case 'composeExtension/submitAction':
      if (typeof value.commandId !== 'string' || !routes.actionCommands.has(value.commandId)) return { kind: 'refuse', code: 'extensionUnavailable' };
      return name === 'composeExtension/submitAction' && !isCardData(value.data) ? { kind: 'refuse', code: 'extensionUnreadable' } : { kind: 'route' };
    default:
      // Link unfurling, settings and card buttons of the extension: not offered by this app.
      return { kind: 'refuse', code: 'extensionUnavailable' };
  }
}

/**
 * The invoke response body Teams shows for a message in place of a result: an error for a
 * Universal Action (statusCode 400 keeps the card as it was), a dialog message for task modules,
 * a message result for the message extension.
 */
export function invokeMessageBody(name: string, message: string, error?: { statusCode: number; code: string }): unknown {
  if (name === 'adaptiveCard/action') {
    return error
      ? { statusCode: error.statusCode, type: 'application/vnd.microsoft.error', value: { code: error.code, message } }
      : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: message };
  }
  // A dialog's answers, as teams-ai itself gives a submitAction handler's message.
  if (name === 'composeExtension/fetchTask' || name === 'composeExtension/submitAction' || name.startsWith('task/')) return { task: { type: 'message', value: message } };
  return { composeExtension: { type: 'message', text: message } };
}
