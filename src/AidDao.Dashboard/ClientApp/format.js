// Formatting of addresses, amounts, times and names, for people rather than machines.
import { formatUnits, parseUnits, toUtf8String } from 'ethers';

export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

/** Lower-case form of an address, used in data-testid hooks and for comparisons. */
export function lc(address) {
  return String(address ?? '').toLowerCase();
}

/** Whether two addresses are the same account. */
export function sameAddress(a, b) {
  return !!a && !!b && lc(a) === lc(b);
}

/** 0x7099…79C8 */
export function short(address) {
  const a = String(address ?? '');
  return a.length > 12 ? `${a.slice(0, 6)}…${a.slice(-4)}` : a;
}

function groupThousands(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * An amount in the asset's smallest unit as text with its symbol, trimmed to a sensible precision:
 * "1,250.5 DAI", "0.0421 ETH", "< 0.000001 ETH".
 */
export function amount(raw, asset) {
  return `${amountNumber(raw, asset?.decimals ?? 18)} ${asset?.symbol ?? ''}`.trim();
}

/** The number part of {@link amount}. */
export function amountNumber(raw, decimals) {
  let value;
  try {
    value = BigInt(raw ?? 0);
  } catch {
    return String(raw);
  }
  const negative = value < 0n;
  const text = formatUnits(negative ? -value : value, decimals);
  const [whole, fraction = ''] = text.split('.');
  const keep = whole === '0' ? 6 : whole.length > 3 ? 2 : 4;
  let frac = fraction.slice(0, keep).replace(/0+$/, '');
  if (whole === '0' && frac === '' && value !== 0n) return `${negative ? '> -' : '< '}0.${'0'.repeat(keep - 1)}1`;
  return `${negative ? '-' : ''}${groupThousands(whole)}${frac ? `.${frac}` : ''}`;
}

/** An amount in the smallest unit as a plain dot decimal without grouping or trailing ".0" ("10", "0.25"). */
export function plainDecimal(raw, decimals) {
  return formatUnits(BigInt(raw ?? 0), decimals).replace(/\.0$/, '');
}

/**
 * An amount in full precision with its symbol, for what stewards approve: "1,000,000 USDC", "0.000001 ETH" (never
 * rounded, unlike {@link amount}).
 */
export function exactAmount(raw, asset) {
  let text;
  try {
    text = plainDecimal(raw, asset?.decimals ?? 18);
  } catch {
    return String(raw);
  }
  const [whole, fraction] = text.split('.');
  return `${groupThousands(whole)}${fraction ? `.${fraction}` : ''} ${asset?.symbol ?? ''}`.trim();
}

/**
 * A pool's mint rate (contribution-token wei per 10^18 smallest units deposited) as contribution tokens per whole unit
 * of `asset`, in full precision: "1", "0.5".
 */
export function mintRatePerUnit(mintRate, asset) {
  const decimals = BigInt(asset?.decimals ?? 18);
  const perUnit = (BigInt(mintRate ?? 0) * 10n ** decimals) / 10n ** 18n;
  const [whole, fraction] = plainDecimal(perUnit, 18).split('.');
  return `${groupThousands(whole)}${fraction ? `.${fraction}` : ''}`;
}

/** A plain number for charts (precision loss is fine there). */
export function amountFloat(raw, decimals) {
  try {
    return Number(formatUnits(BigInt(raw ?? 0), decimals));
  } catch {
    return 0;
  }
}

/** An error a person can act on (shown as is). */
export class UserError extends Error {}

/** Parses what a person typed ("0.5", "1,5", "10") into the smallest unit; throws UserError with plain words. */
export function parseAmount(text, asset) {
  let t = String(text ?? '').trim().replace(/\s+/g, '');
  if (t === '') throw new UserError('Enter an amount.');
  if (!t.includes('.') && (t.match(/,/g) ?? []).length === 1 && !/,\d{3}$/.test(t)) t = t.replace(',', '.');
  t = t.replace(/,/g, '');
  if (!/^\d*\.?\d*$/.test(t) || t === '.') throw new UserError(`"${text}" is not an amount: write it like 0.5 or 10.`);
  const decimals = asset?.decimals ?? 18;
  const fraction = t.split('.')[1] ?? '';
  if (fraction.length > decimals) throw new UserError(`${asset?.symbol ?? 'This asset'} has at most ${decimals} decimal places.`);
  const value = parseUnits(t.startsWith('.') ? `0${t}` : t, decimals);
  if (value === 0n) throw new UserError('Enter an amount above zero.');
  return value;
}

const UNITS = [
  [86400, 'day'],
  [3600, 'hour'],
  [60, 'minute'],
  [1, 'second'],
];

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A length of time in words: "7 days", "1 day 12 hours", "45 minutes". */
export function duration(seconds) {
  let s = Math.max(0, Math.round(Number(seconds) || 0));
  if (s === 0) return '0 seconds';
  const parts = [];
  for (const [size, word] of UNITS) {
    if (s >= size && parts.length < 2) {
      const n = Math.floor(s / size);
      parts.push(plural(n, word));
      s -= n * size;
    } else if (parts.length) break;
  }
  return parts.join(' ');
}

/** A rough length of time: the largest unit only, plus the next one when the largest is 1 ("5 hours", "1 day 4 hours"). */
export function roughDuration(seconds) {
  const s = Math.max(0, Math.round(Number(seconds) || 0));
  if (s < 60) return 'less than a minute';
  for (const [i, [size, word]] of UNITS.entries()) {
    if (s < size) continue;
    const n = Math.floor(s / size);
    if (n > 1 || i === UNITS.length - 2) return plural(n, word);
    const [nextSize, nextWord] = UNITS[i + 1];
    const m = Math.floor((s - size) / nextSize);
    return m > 0 ? `1 ${word} ${plural(m, nextWord)}` : `1 ${word}`;
  }
  return plural(s, 'second');
}

/** A short countdown: "2 d 4 h", "3 h 12 min", "4 min 10 s". */
export function countdown(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / 86400);
  const hr = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return `${d} d ${hr} h`;
  if (hr > 0) return `${hr} h ${m} min`;
  if (m > 0) return `${m} min ${sec} s`;
  return `${sec} s`;
}

let chainClockOffset = 0;

/**
 * Sets the chain's clock from the server's reading of it (a local chain's clock can run days ahead of the page's when
 * time was moved on, as in the demo).
 */
export function setChainTime(chainTime) {
  if (Number.isFinite(Number(chainTime)) && Number(chainTime) > 0) chainClockOffset = Number(chainTime) - Date.now() / 1000;
}

/** The chain's time now, in seconds since the epoch: the page's clock moved by the last reading of the chain's. */
export function nowSeconds() {
  return Math.floor(Date.now() / 1000 + chainClockOffset);
}

/** "5 minutes ago", "3 hours ago", "just now". */
export function ago(unix) {
  if (unix === null || unix === undefined) return '';
  const s = nowSeconds() - Number(unix);
  if (s < 45) return 'just now';
  return `${duration(s < 3600 ? Math.round(s / 60) * 60 : s < 86400 ? Math.round(s / 3600) * 3600 : Math.round(s / 86400) * 86400)} ago`;
}

/** Local date and time of a unix time. */
export function dateTime(unix) {
  if (unix === null || unix === undefined) return '';
  return new Date(Number(unix) * 1000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The explorer link of a transaction, or null when the chain has no explorer configured. */
export function txUrl(chain, tx) {
  const template = chain?.explorerTxUrl;
  if (!template || !tx || !/^https?:\/\//i.test(template)) return null;
  return template.replace('{tx}', tx);
}

const URGENCY = ['', 'can wait', 'soon', 'urgent', 'very urgent', 'life or safety'];

/** "4 · very urgent" */
export function urgency(level) {
  const n = Number(level);
  return URGENCY[n] ? `${n} · ${URGENCY[n]}` : String(level);
}

/** Words for the urgency levels 1 to 5 (index = level). */
export const URGENCY_WORDS = URGENCY;

/**
 * A project's display name: the server's name when it is readable; a bytes32 metadata value decoded as a short UTF-8
 * string when printable; else "Project N".
 */
export function projectName(project) {
  const fallback = `Project ${project?.id ?? '?'}`;
  for (const candidate of [project?.name, project?.metadata]) {
    if (typeof candidate !== 'string' || candidate.trim() === '') continue;
    if (/^0x[0-9a-fA-F]{64}$/.test(candidate)) {
      const decoded = decodeBytes32(candidate);
      if (decoded) return decoded;
      continue;
    }
    return candidate;
  }
  return fallback;
}

/** A bytes32 as a short UTF-8 string (zero padding removed) when it is printable, else null. */
export function decodeBytes32(hex) {
  try {
    const bytes = [];
    for (let i = 2; i < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
    let end = bytes.length;
    while (end > 0 && bytes[end - 1] === 0) end--;
    if (end === 0 || bytes.slice(0, end).includes(0)) return null;
    const text = toUtf8String(new Uint8Array(bytes.slice(0, end)));
    return /^[^\p{C}]+$/u.test(text) && text.trim() !== '' ? text.trim() : null;
  } catch {
    return null;
  }
}
