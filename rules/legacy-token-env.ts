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
      if (!legacy) continue;
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
    ],
    ignored: [
      { text: "export HF_TOKEN=$SECRET", filename: "run.sh" },
      { text: "HUGGINGFACEHUB_API_TOKEN=$SECRET", filename: ".env.example" },
      { text: "MY_HUGGINGFACE_TOKEN_PATH=/tmp/x", filename: "run.sh" },
      { text: "if use_auth_token == x: pass", filename: "a.py" },
    ],
  },
};

export default rule;
