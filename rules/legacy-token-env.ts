import { docsUrlFor, type ContentRule, type TextMatch } from "./types.js";

/** Legacy names and what replaces them; `--fix` and the ESLint autofix use the same table. */
export const LEGACY_NAMES: Readonly<Record<string, { replacement: string; why: string }>> = {
  HUGGING_FACE_HUB_TOKEN: { replacement: "HF_TOKEN", why: "is the legacy name" }, // hf-lint-disable-line legacy-token-env
  HUGGINGFACE_TOKEN: { replacement: "HF_TOKEN", why: "is deprecated" }, // hf-lint-disable-line legacy-token-env
  use_auth_token: { replacement: "token", why: "is deprecated in the Hugging Face libraries" },
};

/** The message for a legacy name (the ESLint plugin passes `{{…}}` placeholders). */
export function legacyMessage(name: string, legacy: { replacement: string; why: string }): string {
  return `\`${name}\` ${legacy.why}: use \`${legacy.replacement}\` instead (the Hugging Face libraries read HF_TOKEN first).`;
}

const PATTERN = /(?<!\w)(?:HUGGING_FACE_HUB_TOKEN|HUGGINGFACE_TOKEN)(?!\w)|(?<!\w)use_auth_token(?=\s*=(?!=))/g; // hf-lint-disable-line legacy-token-env

/**
 * What lies between `HF_TOKEN` and a legacy name read as its fallback: the end of the first
 * read, a fallback operator (`or`, `||`, `??`, `or_else(|_| …)`, a `.get` default, shell's `:-`)
 * and the start of the second read. Reading HF_TOKEN first is the recommended migration.
 */
const FALLBACK_GAP = /^["'\x60\])]*(?:\.ok\(\))?\s*(?:\bor\b|\|\||\?\?|,|:-|\.or_else\(\s*\|[^|\n]*\|)\s*[\w.:$[({]*["'\x60]?$/;
/** How far back the `HF_TOKEN` read of a fallback may start. */
const FALLBACK_REACH = 120;

/** Whether the legacy name at `index` is read only when `HF_TOKEN` is not set. */
function isFallbackAfterHfToken(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - FALLBACK_REACH), index);
  const at = before.lastIndexOf("HF_TOKEN");
  if (at === -1 || /\w/.test(before.charAt(at - 1))) return false;
  return FALLBACK_GAP.test(before.slice(at + "HF_TOKEN".length));
}

const rule: ContentRule = {
  kind: "content",
  id: "legacy-token-env",
  severity: "warning",
  description: "A legacy or deprecated token variable or argument name that should be `HF_TOKEN` / `token=`.",
  docsUrl: docsUrlFor("legacy-token-env"),
  keywords: ["HUGGING", "use_auth_token"],
  check({ text }) {
    const matches: TextMatch[] = [];
    for (const match of text.matchAll(PATTERN)) {
      const name = match[0];
      const legacy = LEGACY_NAMES[name];
      if (!legacy || (legacy.replacement === "HF_TOKEN" && isFallbackAfterHfToken(text, match.index))) continue;
      matches.push({
        start: match.index,
        end: match.index + name.length,
        message: legacyMessage(name, legacy),
      });
    }
    return matches;
  },
  examples: {
    flagged: [
      { text: "export HUGGING_FACE_HUB_TOKEN=$SECRET", filename: "run.sh" },
      { text: 'token = os.environ["HUGGINGFACE_TOKEN"]', filename: "a.py" },
      { text: "model = AutoModel.from_pretrained(name, use_auth_token=True)", filename: "a.py" },
      { text: "const t = process.env.HUGGINGFACE_TOKEN;", filename: "a.js" },
      { text: 'curl -H "Authorization: Bearer ${HUGGINGFACE_TOKEN}" "$URL"', filename: "call.sh" },
      // Read first, with HF_TOKEN as the fallback: the legacy name still wins.
      { text: 'token = os.getenv("HUGGING_FACE_HUB_TOKEN") or os.getenv("HF_TOKEN")', filename: "a.py" },
      { text: 'os.environ["HF_TOKEN"] = x\nos.environ["HUGGING_FACE_HUB_TOKEN"] = x', filename: "a.py" },
    ],
    ignored: [
      { text: "export HF_TOKEN=$SECRET", filename: "run.sh" },
      { text: "HUGGINGFACEHUB_API_TOKEN=$SECRET", filename: ".env.example" },
      { text: "MY_HUGGINGFACE_TOKEN_PATH=/tmp/x", filename: "run.sh" },
      { text: "if use_auth_token == x: pass", filename: "a.py" },
      // A fallback read after HF_TOKEN is the recommended migration.
      { text: 'token = os.getenv("HF_TOKEN") or os.getenv("HUGGING_FACE_HUB_TOKEN")', filename: "a.py" },
      { text: 'token = os.environ.get("HF_TOKEN", os.environ.get("HUGGINGFACE_TOKEN"))', filename: "a.py" },
      { text: 'token = (\n    os.environ.get("HF_TOKEN")\n    or os.environ.get("HUGGING_FACE_HUB_TOKEN")\n)', filename: "a.py" },
      {
        text: 'let token = env::var("HF_TOKEN").or_else(|_| env::var("HUGGING_FACE_HUB_TOKEN")).ok();',
        filename: "main.rs",
      },
      { text: "const token = process.env.HF_TOKEN ?? process.env.HUGGING_FACE_HUB_TOKEN;", filename: "a.js" },
      { text: 'const token = process.env["HF_TOKEN"] || process.env["HUGGINGFACE_TOKEN"];', filename: "a.ts" },
      { text: 'TOKEN="${HF_TOKEN:-$HUGGING_FACE_HUB_TOKEN}"', filename: "run.sh" },
    ],
  },
};

export default rule;
