import { docsUrlFor, type ContentRule, type TextMatch } from "./types.js";
import { TOKEN_ENV_VARS, looksLikeCredential } from "./shared/credentials.js";

const VARS = TOKEN_ENV_VARS.join("|");
/** A quoted literal (`qv`) or, where the syntax allows it, a bare word (`uv`). */
const QUOTED = String.raw`[rRuU]?(["'\x60])(?<qv>[^"'\x60\n]{1,512})\k<q>`.replace("([", "(?<q>[");
const QUOTED_OR_BARE = String.raw`(?:${QUOTED}|(?<uv>[^\s"'\x60;#,)}\]]{1,512}))`;

/**
 * `anchor(?<=context)rest`: each pattern starts with a literal so the regex engine can skip
 * ahead to candidates, and checks what precedes it afterwards (a leading lookbehind would
 * be tried at every position of every file; this halves the rule's time on ML code).
 */
function anchored(anchor: string, context: string, rest: string, flags = "g"): RegExp {
  return new RegExp(`(?:${anchor})(?<=${context})${rest}`, flags);
}

/**
 * How far before `--token` the lookbehind looks for `login`: unbounded, it read the whole line back
 * for every `--token`, quadratic on one long line (256 KiB took 8 s).
 */
const LOGIN_REACH = 128;

const ARGUMENT = String.raw`\s*=(?!=)\s*${QUOTED}`;
const PROPERTY = String.raw`["']?\s*:\s*${QUOTED}`;
const ARGUMENT_PREFIX = String.raw`(?<![\w$])(?:use_auth_|access_|hf_)?`;

/**
 * Each pattern names the place a credential literal is written, and the keywords without which
 * it cannot match (a pattern whose keywords are all absent is not run). One literal anchor per
 * pattern: an alternation of anchors is a third slower to scan for than a single literal.
 */
const PLACES: { pattern: RegExp; keywords: string[]; where: string }[] = [
  // Python keyword arguments and assignments: token="…", use_auth_token="…", api_key="…" hf-lint-disable-line legacy-token-env
  { pattern: anchored("token", `${ARGUMENT_PREFIX}token`, ARGUMENT), keywords: ["token"], where: "a token argument" },
  { pattern: anchored("api_key", `${ARGUMENT_PREFIX}api_key`, ARGUMENT), keywords: ["api_key"], where: "a token argument" },
  // JS/TS object properties and JSON keys: { token: "…" }, { accessToken: "…" }, "apiKey": "…"
  {
    pattern: anchored("oken", String.raw`(?<![\w$])(?:token|accessToken|hfToken)`, PROPERTY),
    keywords: ["oken"],
    where: "a token property",
  },
  { pattern: anchored("apiKey", String.raw`(?<![\w$])apiKey`, PROPERTY), keywords: ["apiKey"], where: "a token property" },
  {
    pattern: anchored(
      "InferenceClient|HfInference",
      String.raw`\bnew\s+(?:InferenceClient|HfInference)`,
      String.raw`\s*\(\s*${QUOTED}`,
    ),
    keywords: ["Inference"],
    where: "the Inference client constructor",
  },
  {
    // HF_TOKEN=…, export HF_TOKEN=…, os.environ["HF_TOKEN"] = "…", process.env.HF_TOKEN = "…", YAML/JSON/TOML keys
    pattern: anchored(
      "TOKEN",
      String.raw`(?<![\w$])(?:${VARS})`,
      String.raw`["'\x60]?\s*(?:\]\s*)?(?:=(?!=)|:(?=[\s"'\x60]))\s*${QUOTED_OR_BARE}`,
    ),
    keywords: ["TOKEN"],
    where: "a Hugging Face token variable",
  },
  {
    // Dockerfile: ENV HF_TOKEN value / ARG HF_TOKEN=value (the = form is covered above)
    pattern: anchored("TOKEN", String.raw`^[ \t]*(?:ENV|ARG)[ \t]+(?:${VARS})`, String.raw`[ \t]+${QUOTED_OR_BARE}`, "gm"),
    keywords: ["ENV", "ARG"],
    where: "a Dockerfile ENV instruction",
  },
  {
    pattern: anchored(
      "--token",
      String.raw`(?:huggingface-cli|\bhf\s+auth)\s+login\b[^\n]{0,${LOGIN_REACH}}--token`,
      String.raw`(?:\s+|=)${QUOTED_OR_BARE}`,
    ),
    keywords: ["--token"],
    where: "a login command",
  },
];

/**
 * The message of a hardcoded credential found in `where`; `shown` (the redacted value) goes
 * into the message where the output has no other place for it (ESLint, with placeholders).
 */
export function hardcodedMessage(where: string, shown?: string): string {
  return (
    `Credential hardcoded in ${where}${shown === undefined ? "" : ` (${shown})`}. Remove it and let the library ` +
    "read HF_TOKEN (or the token saved by `hf auth login`); keep local values in a git-ignored .env file, " +
    "and rotate the credential if it was ever committed or pushed."
  );
}

const rule: ContentRule = {
  kind: "content",
  id: "hardcoded-token-argument",
  severity: "error",
  description:
    "A credential literal passed as a token argument, property, HF token variable or `login --token` value.",
  docsUrl: docsUrlFor("hardcoded-token-argument"),
  keywords: ["oken", "OKEN", "api_key", "apiKey", "Inference"],
  check({ text, contains = (keyword) => text.includes(keyword) }) {
    const matches: TextMatch[] = [];
    const seen = new Set<number>();
    for (const { pattern, keywords, where } of PLACES) {
      if (!keywords.some(contains)) continue;
      for (const match of text.matchAll(pattern)) {
        const value = match.groups?.["qv"] ?? match.groups?.["uv"];
        if (value === undefined || !looksLikeCredential(value)) continue;
        const start = match.index + match[0].lastIndexOf(value);
        if (seen.has(start)) continue;
        seen.add(start);
        matches.push({
          start,
          end: start + value.length,
          secret: value,
          message: hardcodedMessage(where),
        });
      }
    }
    return matches;
  },
  examples: {
    flagged: [
      { text: 'pipe = pipeline("text-generation", model=m, token="{{HF_TOKEN}}")', filename: "a.py" },
      { text: 'AutoModel.from_pretrained(m, use_auth_token="{{CREDENTIAL}}")', filename: "a.py" }, // hf-lint-disable-line legacy-token-env
      { text: 'const hf = new HfInference("{{CREDENTIAL}}");', filename: "a.js" },
      { text: 'await listModels({ accessToken: "{{CREDENTIAL}}" });', filename: "a.ts" },
      { text: 'os.environ["HF_TOKEN"] = "{{CREDENTIAL}}"', filename: "a.py" },
      { text: 'process.env.HF_TOKEN = "{{CREDENTIAL}}";', filename: "a.js" },
      { text: "export HF_TOKEN={{CREDENTIAL}}", filename: "setup.sh" },
      { text: "FROM python:3.12\nENV HF_TOKEN {{CREDENTIAL}}\n", filename: "Dockerfile" },
      { text: "env:\n  HF_TOKEN: {{CREDENTIAL}}\n", filename: "ci.yml" },
      { text: "huggingface-cli login --token {{CREDENTIAL}}", filename: "setup.sh" },
      { text: "hf auth login --token={{CREDENTIAL}} --add-to-git-credential", filename: "setup.sh" },
    ],
    ignored: [
      { text: 'login(token=os.environ["HF_TOKEN"])', filename: "a.py" },
      { text: 'login(token=os.getenv("HF_TOKEN"))', filename: "a.py" },
      { text: "login(token=args.token)\nlogin(token=True)\nlogin(token=None)\nlogin(token=hf_token)", filename: "a.py" },
      { text: 'login(token="my_token")', filename: "a.py" },
      { text: 'client = OpenAI(api_key="<together_api_key>")', filename: "a.py" },
      { text: 'client = OpenAI(api_key="your-together-api-key")', filename: "a.py" },
      { text: "env:\n  HF_TOKEN: ${{ secrets.HF_TOKEN }}\n", filename: "ci.yml" },
      { text: "huggingface-cli login --token $HF_TOKEN", filename: "setup.sh" },
      { text: "const hf = new HfInference(process.env.HF_TOKEN);", filename: "a.js" },
      { text: 'tok = AutoTokenizer.from_pretrained(m, pad_token="<pad>", eos_token="</s>")', filename: "a.py" },
      { text: 'if token == "0123456789abcdefABCDEF":', filename: "a.py" },
      { text: "HF_TOKEN=hf_AbCdEfGhIjKlMnOpQrStUvWxYz1234567890", filename: ".env.example" },
      { text: 'HF_TOKEN = "xK3xK3xK3xK3xK3xK3xK3xK3"', filename: "settings.toml" },
    ],
  },
};

export default rule;
