/**
 * The IETF rate-limit header fields (draft-ietf-httpapi-ratelimit-headers), in the spellings the
 * drafts have had and servers still send:
 *
 * - `RateLimit: "default";r=50;t=30` (r: calls remaining, t: seconds until the reset) with
 *   `RateLimit-Policy: "default";q=100;w=60` (q: calls per window, w: window seconds), matched
 *   by policy name; with several policies the most constraining one (fewest calls left) counts;
 * - `RateLimit: limit=100, remaining=50, reset=30` (draft 07's dictionary);
 * - the three fields `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (drafts up to 06).
 *
 * Values are RFC 8941 structured fields, read by the small parser below. A field it cannot read
 * is ignored as a whole (as RFC 8941 asks), never thrown: a header is no reason to fail a call.
 */

/** What the fields say; reset is in seconds from the response. */
export interface RateLimitFields {
  readonly limit: number | undefined;
  readonly remaining: number | undefined;
  readonly reset: number | undefined;
}

type BareItem = string | number | boolean;

/** A list member or dictionary entry: `name` is the dictionary key, absent for a list item. */
interface Member {
  readonly name: string | undefined;
  readonly value: BareItem;
  readonly params: ReadonlyMap<string, BareItem>;
}

const KEY = /^[a-z*][a-z0-9_\-.*]*/;
const TOKEN = /^[A-Za-z*][A-Za-z0-9!#$%&'*+\-.^_`|~:/]*/;
const NUMBER = /^-?\d{1,15}(?:\.\d{1,3})?/;

/** The members of a structured list or dictionary, or undefined when the text is not one. */
export function parseStructuredMembers(text: string): Member[] | undefined {
  const members: Member[] = [];
  let rest = text.trim();
  if (rest === "") return undefined;
  for (;;) {
    let name: string | undefined;
    const key = KEY.exec(rest);
    if (key !== null && rest[key[0].length] === "=") {
      name = key[0];
      rest = rest.slice(key[0].length + 1);
    }
    const item = bareItem(rest);
    if (item === undefined) return undefined;
    rest = item.rest;
    const params = new Map<string, BareItem>();
    while (rest.startsWith(";")) {
      rest = rest.slice(1).replace(/^ +/, "");
      const param = KEY.exec(rest);
      if (param === null) return undefined;
      rest = rest.slice(param[0].length);
      let value: BareItem = true;
      if (rest.startsWith("=")) {
        const parsed = bareItem(rest.slice(1));
        if (parsed === undefined) return undefined;
        value = parsed.value;
        rest = parsed.rest;
      }
      params.set(param[0], value);
    }
    members.push({ name, value: item.value, params });
    rest = rest.replace(/^[ \t]+/, "");
    if (rest === "") return members;
    if (!rest.startsWith(",")) return undefined;
    rest = rest.slice(1).replace(/^[ \t]+/, "");
    if (rest === "") return undefined;
  }
}

function bareItem(text: string): { value: BareItem; rest: string } | undefined {
  if (text.startsWith('"')) {
    let value = "";
    for (let i = 1; i < text.length; i++) {
      const c = text[i] as string;
      if (c === '"') return { value, rest: text.slice(i + 1) };
      if (c === "\\") {
        const escaped = text[i + 1];
        if (escaped !== '"' && escaped !== "\\") return undefined;
        value += escaped;
        i++;
      } else if (c < " " || c > "~") return undefined;
      else value += c;
    }
    return undefined;
  }
  if (text.startsWith("?1") || text.startsWith("?0")) return { value: text[1] === "1", rest: text.slice(2) };
  if (text.startsWith(":")) {
    const end = text.indexOf(":", 1);
    return end < 0 ? undefined : { value: text.slice(1, end), rest: text.slice(end + 1) };
  }
  const number = NUMBER.exec(text);
  if (number !== null) return { value: Number(number[0]), rest: text.slice(number[0].length) };
  const token = TOKEN.exec(text);
  if (token !== null) return { value: token[0], rest: text.slice(token[0].length) };
  return undefined;
}

/** A count or a number of seconds: a non-negative number, anything else is not one. */
function count(value: BareItem | undefined): number | undefined {
  return typeof value === "number" && value >= 0 ? value : undefined;
}

/** What the IETF fields of `headers` say, or undefined when they say nothing readable. */
export function readRateLimitFields(headers: Headers): RateLimitFields | undefined {
  const field = headers.get("ratelimit");
  const members = field === null ? undefined : parseStructuredMembers(field);
  if (members !== undefined) {
    const fromDictionary = dictionaryFields(members);
    if (fromDictionary !== undefined) return fromDictionary;
    const fromList = listFields(members, headers.get("ratelimit-policy"));
    if (fromList !== undefined) return fromList;
  }
  return threeFields(headers);
}

/** Draft 07: `limit=100, remaining=50, reset=30`. */
function dictionaryFields(members: readonly Member[]): RateLimitFields | undefined {
  const entry = (name: string): number | undefined => count(members.find((m) => m.name === name)?.value);
  const fields = { limit: entry("limit"), remaining: entry("remaining"), reset: entry("reset") };
  return fields.limit === undefined && fields.remaining === undefined && fields.reset === undefined ? undefined : fields;
}

/** Draft 08 on: `"name";r=..;t=..`, its quota from the policy of the same name. */
function listFields(members: readonly Member[], policyField: string | null): RateLimitFields | undefined {
  let chosen: { remaining: number; reset: number | undefined; policy: BareItem } | undefined;
  for (const member of members) {
    if (member.name !== undefined) continue;
    const remaining = count(member.params.get("r"));
    if (remaining === undefined) continue;
    const reset = count(member.params.get("t"));
    // The fewest calls left constrains most; between equals, the later reset.
    if (chosen === undefined || remaining < chosen.remaining || (remaining === chosen.remaining && (reset ?? 0) > (chosen.reset ?? 0))) {
      chosen = { remaining, reset, policy: member.value };
    }
  }
  if (chosen === undefined) return undefined;
  const policies = policyField === null ? undefined : parseStructuredMembers(policyField);
  const policy = policies?.find((p) => p.name === undefined && p.value === chosen.policy);
  return { limit: count(policy?.params.get("q")), remaining: chosen.remaining, reset: chosen.reset };
}

/** Drafts up to 06: three fields, the limit possibly followed by its policies (`100, 100;w=60`). */
function threeFields(headers: Headers): RateLimitFields | undefined {
  const first = (name: string): number | undefined => {
    const text = headers.get(name);
    const members = text === null ? undefined : parseStructuredMembers(text);
    return count(members?.[0]?.value);
  };
  const fields = { limit: first("ratelimit-limit"), remaining: first("ratelimit-remaining"), reset: first("ratelimit-reset") };
  return fields.limit === undefined && fields.remaining === undefined && fields.reset === undefined ? undefined : fields;
}
