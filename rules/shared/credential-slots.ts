/**
 * Where a credential is written, derived from what a credential slot is rather than from a list
 * of spellings: a name that ends in `token` or `api key` in any case and separator (`token`,
 * `hf_token`, `hub-token`, `HubToken`, `HF_TOKEN`, `OPENAI_API_KEY`, `x-api-key`), given a value
 * by any syntax (`=`, `:`, a `--flag`, `ENV NAME value`, a call's `"NAME", "value"` pair, an
 * `or`/`||`/`??` default, a shell `${NAME:-value}` default), plus `Authorization: Bearer …` and
 * the Inference client's constructor.
 *
 * Speed: every pattern starts with one literal (a slot name's ending, `Bearer`, …) so the regex
 * engine skips to candidates, and runs only when one of its keywords occurs. The keywords are the
 * ending followed by what the slot syntaxes can put after it (`token=`, `token:`, `token"`…):
 * ML code says `tokenizer` in nearly every file, and `token` alone would admit all of them.
 * Every repetition is bounded, so a pattern costs at most a few hundred steps per candidate.
 */

import { withNotebookForms } from "./notebook.js";

/** The shortest value looksLikeCredential accepts: shorter ones fail inside the regex, without a match to build. */
const MIN = 16;
/** Up to 16 spaces or tabs: bounded, so that two of them in a row cannot backtrack without end. */
const SP = "[ \\t]{0,16}";
/**
 * A quoted literal: `q` is the quote, `qv` the value (Python's string prefixes allowed; an
 * f-string or template with a placeholder is a reference, see isReference).
 */
function quoted(branch: string): string {
  return String.raw`[fFrRuUbB]{0,2}(?<q${branch}>["'\x60])(?<qv${branch}>[^"'\x60\n]{${MIN},512})\k<q${branch}>`;
}
/** An unquoted value, where the syntax has them (dotenv, YAML, shell, INI, flags). */
function bare(branch: string): string {
  return String.raw`(?<uv${branch}>[^\s"'\x60;#,)}\]]{${MIN},512})`;
}
/** Group names are unique per pattern (Node 20 has no duplicate named groups): one suffix per branch. */
const either = (branch: string): string => `(?:${quoted(branch)}|${bare(branch)})`;
/** A Python/TypeScript type annotation between a name and its `=`: `token: str = "…"`. */
const ANNOTATION = String.raw`(?::${SP}[A-Za-z_][\w.]{0,40}(?:\[[\w., |]{0,40}\])?(?:${SP}\|${SP}None)?)?`;

/** The syntaxes that give a slot a value, each flagged by an empty named group. */
function slotSyntax(ending: string): string {
  const name = ending.replace(/-/g, "\\-");
  return [
    // NAME = v, NAME="v", os.environ["NAME"] = v, --name=v, token: str = "v", Go's :=
    String.raw`(?<assign>)["'\x60]?(?:${SP}\])?${ANNOTATION}${SP}:?=(?![=>~])${SP}${either("A")}`,
    // NAME: v (YAML, JSON, JS objects, Python dicts)
    String.raw`(?<key>)["'\x60]?${SP}:(?=[ \t"'\x60])${SP}${either("K")}`,
    // f("NAME", "v"): environment defaults and writes (getenv, setdefault, setenv, putenv, set_var), headers.set
    String.raw`(?<pair>)["'\x60]${SP},${SP}${quoted("P")}`,
    // os.getenv("NAME") or "v", process.env.NAME ?? "v", token || "v"
    String.raw`(?<fallback>)["'\x60]?[\])]{0,2}${SP}(?:or|\|\||\?\?)${SP}${quoted("F")}`,
    // ${NAME:-v}, ${NAME:=v}
    String.raw`(?<shell>):[-=]${bare("S")}\}`,
    // --name v, ENV NAME v (Dockerfile)
    String.raw`(?<=--[\w-]{0,64}${name}|^[ \t]{0,16}(?:ENV|ARG)[ \t]{1,16}[\w-]{0,64}${name})(?<spaced>)[ \t]{1,16}${either("D")}`,
  ].join("|");
}

export interface Place {
  pattern: RegExp;
  /** The pattern runs only when one of these occurs in the file. */
  keywords: string[];
}

/** A slot name's ending, not followed by more of the name (`tokenizer`, `token_type`, `hub-token-file`). */
function slotPlace(ending: string, keywords: string[]): Place {
  return {
    pattern: new RegExp(`${ending}(?![\\w-])(?:${slotSyntax(ending)})`, "gm"),
    keywords,
  };
}

/**
 * The prefilter searches at most 32 keywords in one pass (more cost a pass each), and the other
 * rules use ten: so `TOKEN` (rare in code) stands alone, the other token spellings come with what
 * follows them, and `-Key` covers `Api-Key` and `API-Key`.
 */
const FOLLOWERS = ["=", " ", ":", '"', "'"];

export const PLACES: Place[] = [
  slotPlace("token", withNotebookForms(FOLLOWERS.map((next) => `token${next}`))),
  slotPlace("Token", withNotebookForms(FOLLOWERS.map((next) => `Token${next}`))),
  slotPlace("TOKEN", ["TOKEN"]),
  ...["api_key", "apiKey", "ApiKey", "API_KEY"].map((ending) => slotPlace(ending, [ending])),
  slotPlace("api-key", ["i-key"]),
  slotPlace("Api-Key", ["-Key"]),
  slotPlace("API-Key", ["-Key"]),
  slotPlace("API-KEY", ["I-KEY"]),
  {
    // Authorization: Bearer v (curl -H, header dictionaries, fetch options, .http files)
    pattern: new RegExp(String.raw`Bearer(?<bearer>)[ \t]{1,4}(?<uvB>[A-Za-z0-9_\-.+/=~]{${MIN},512})(?![\w{$])`, "g"),
    keywords: ["Bearer"],
  },
  {
    // new InferenceClient("v") / new HfInference("v"): the first argument is the token
    pattern: new RegExp(
      String.raw`Inference(?:Client)?(?<=\bnew\s{1,16}(?:InferenceClient|HfInference))(?<ctor>)${SP}\(${SP}${quoted("C")}`,
      "g",
    ),
    keywords: ["Inference"],
  },
];

/** What each syntax is called in messages. */
export const PLACE_NAMES: Readonly<Record<string, string>> = {
  assign: "a token argument or variable",
  key: "a token key",
  pair: "an environment variable or header value",
  fallback: "a token's fallback value",
  shell: "a shell variable default",
  spaced: "a command-line option or ENV instruction",
  bearer: "an Authorization header",
  ctor: "the Inference client constructor",
};

/** Files whose syntax has unquoted values; elsewhere an unquoted word is an identifier, not a literal. */
const CODE_FILE = /\.(?:py|pyi|ipynb|[cm]?[jt]sx?|rs|go|java|kts?|scala|rb|php|cs|swift|c|cc|cpp|h|hpp|jl|lua|dart|vue|svelte)$/i;

/**
 * Whether an unquoted value at `index` is a literal: in a file type that writes them (dotenv,
 * YAML, shell, INI…), or in code on a line that is a shell command or notebook magic
 * (`!hf auth login --token v`, `%env HF_TOKEN=v`, `export NAME=v`).
 */
export function bareValueIsLiteral(text: string, index: number, path: string, syntax: string): boolean {
  if (syntax === "spaced" || syntax === "bearer" || !CODE_FILE.test(path)) return true;
  const lineStart = text.lastIndexOf("\n", index - 1) + 1;
  return /^[ \t]*(?:[!%]|export[ \t]|set[ \t])/.test(text.slice(lineStart, Math.min(index, lineStart + 256)));
}

/**
 * Whether a quoted literal is only a part of the value: concatenated (`"Bearer " + t`,
 * `"v" + suffix`) or formatted (`"v" % x`, `"v".format(x)`).
 */
export function isPartOfExpression(text: string, end: number): boolean {
  return /^[ \t]{0,4}(?:\+|%[ \t]|\.format\b|\.\.)/.test(text.slice(end, end + 12));
}

/** What a slot pattern's match gives: the value, whether it was quoted, and the syntax's group name. */
export function slotValue(groups: Record<string, string | undefined>): { value: string; quoted: boolean; syntax: string } | null {
  let value: string | undefined;
  let quoted = false;
  let syntax: string | undefined;
  for (const [name, text] of Object.entries(groups)) {
    if (text === undefined) continue;
    if (name in PLACE_NAMES) syntax = name;
    else if (name.startsWith("qv")) [value, quoted] = [text, true];
    else if (name.startsWith("uv")) value = text;
  }
  return value === undefined || syntax === undefined ? null : { value, quoted, syntax };
}
