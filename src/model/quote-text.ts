import { isInvisible } from './json-syntax';

/** Longest piece of user text quoted back in a message. */
const QUOTE_CHARS = 40;

/**
 * User text quoted in a message: in double quotes, cut to 40 characters, with control, bidi and
 * other invisible characters written as \uXXXX so they cannot forge lines or reorder the message.
 */
export function quoteText(text: string): string {
  const chars = Array.from(text);
  const cut = chars.length > QUOTE_CHARS ? chars.slice(0, QUOTE_CHARS).join('') + '…' : text;
  return JSON.stringify(cut).replace(/[^\u0020-\u007e]/gu, (ch) => (isInvisible(ch.codePointAt(0)!) ? escapeUnits(ch) : ch));
}

/** A character as its UTF-16 \uXXXX escapes. */
export const escapeUnits = (ch: string) => Array.from({ length: ch.length }, (_, k) => `\\u${ch.charCodeAt(k).toString(16).padStart(4, '0')}`).join('');
