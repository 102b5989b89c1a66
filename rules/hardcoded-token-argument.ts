import { docsUrlFor, type ContentRule, type TextMatch } from "./types.js";
import { looksLikeCredential } from "./shared/credentials.js";
import { PLACES, PLACE_NAMES, bareValueIsLiteral, isPartOfExpression, slotValue } from "./shared/credential-slots.js";

/** The message of a hardcoded credential found in `where` (the CLI's and the ESLint plugin's alike). */
export function hardcodedMessage(where: string): string {
  return (
    `Credential hardcoded in ${where}. Remove it and let the library ` +
    "read HF_TOKEN (or the token saved by `hf auth login`); keep local values in a git-ignored .env file, " +
    "and rotate the credential if it was ever committed or pushed."
  );
}

const rule: ContentRule = {
  kind: "content",
  id: "hardcoded-token-argument",
  severity: "error",
  description:
    "A credential literal in a token or API-key slot (argument, variable, key, environment default, " +
    "`--token` option) or an `Authorization: Bearer` header.",
  docsUrl: docsUrlFor("hardcoded-token-argument"),
  keywords: [...new Set(PLACES.flatMap((place) => place.keywords))],
  check({ text, path, contains = (keyword) => text.includes(keyword) }) {
    const matches: TextMatch[] = [];
    const seen = new Set<number>();
    for (const { pattern, keywords } of PLACES) {
      if (!keywords.some(contains)) continue;
      pattern.lastIndex = 0;
      for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
        const slot = match.groups && slotValue(match.groups);
        const start = slot ? match.index + match[0].lastIndexOf(slot.value) : -1;
        const end = slot ? start + slot.value.length : -1;
        const literal =
          slot &&
          looksLikeCredential(slot.value) &&
          (slot.quoted ? !isPartOfExpression(text, end + 1) : bareValueIsLiteral(text, start, path, slot.syntax));
        if (!slot || !literal) {
          // A value that is not a literal may hold another slot: `TOKEN="${HF_TOKEN:-v}"`.
          pattern.lastIndex = match.index + 1;
          continue;
        }
        if (seen.has(start)) continue;
        seen.add(start);
        matches.push({ start, end, secret: slot.value, message: hardcodedMessage(PLACE_NAMES[slot.syntax] ?? "a token slot") });
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
      // Any name that ends in token or API key, in any case and separator
      { text: 'hf_token = "{{CREDENTIAL}}"', filename: "config.py" },
      { text: "hub:\n  hub-token: {{CREDENTIAL}}\n", filename: "config.yaml" },
      { text: '{ "HubToken": "{{CREDENTIAL}}" }', filename: "appsettings.json" },
      { text: "OPENAI_API_KEY={{CREDENTIAL}}\n", filename: "settings.env" },
      { text: 'headers = {"x-api-key": "{{CREDENTIAL}}"}', filename: "a.py" },
      { text: 'self.token = "{{CREDENTIAL}}"', filename: "a.py" },
      { text: 'token: str = "{{CREDENTIAL}}"', filename: "a.py" },
      { text: 'const client = new OpenAI({ baseURL: u, apiKey: "{{CREDENTIAL}}" });', filename: "a.ts" },
      { text: "export const Chat = () => <Chat token=\"{{CREDENTIAL}}\" />;", filename: "a.tsx" },
      // Defaults of environment reads, and environment writes
      { text: 'token = os.getenv("HF_TOKEN", "{{CREDENTIAL}}")', filename: "a.py" },
      { text: 'token = os.environ.get("HF_TOKEN") or "{{CREDENTIAL}}"', filename: "a.py" },
      { text: 'monkeypatch.setenv("HF_TOKEN", "{{CREDENTIAL}}")', filename: "test_a.py" },
      { text: 'const token = process.env.HF_TOKEN ?? "{{CREDENTIAL}}";', filename: "a.js" },
      { text: 'std::env::set_var("HF_TOKEN", "{{CREDENTIAL}}");', filename: "main.rs" },
      { text: 'TOKEN="${HF_TOKEN:-{{CREDENTIAL}}}"', filename: "run.sh" },
      { text: "%env HF_TOKEN={{CREDENTIAL}}", filename: "cell.py" },
      // Authorization headers and command-line options
      { text: 'curl -H "Authorization: Bearer {{CREDENTIAL}}" https://huggingface.co/api/whoami-v2', filename: "a.sh" },
      { text: 'headers = {"Authorization": "Bearer {{CREDENTIAL}}"}', filename: "a.py" },
      { text: 'await fetch(url, { headers: { Authorization: "Bearer {{CREDENTIAL}}" } });', filename: "a.ts" },
      { text: "python train.py --push_to_hub --hub_token {{CREDENTIAL}}", filename: "train.sh" },
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
      // References, placeholders and secret-store lookups
      { text: 'headers = {"Authorization": f"Bearer {token}"}', filename: "a.py" },
      { text: 'headers = {"Authorization": "Bearer " + token}', filename: "a.py" },
      { text: "const headers = { Authorization: `Bearer ${token}` };", filename: "a.ts" },
      { text: 'curl -H "Authorization: Bearer $HF_TOKEN" "$URL"', filename: "a.sh" },
      { text: 'token = st.secrets["HF_TOKEN"]\nlogin(token=userdata.get("HF_TOKEN"))', filename: "app.py" },
      { text: 'token = getpass("Hugging Face token: ")', filename: "a.py" },
      { text: 'token = f"{prefix}{suffix}"\napi_key = "sk-" + read_key()', filename: "a.py" },
      { text: "token = some_token_variable_2\nconst x = { token: accessTokenFromEnv1 };", filename: "a.py" },
      { text: 'tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B")', filename: "a.py" },
      { text: "python generate.py --max-new-tokens 512 --token-file ~/.cache/huggingface/token", filename: "a.sh" },
      { text: 'headers = {"Authorization": "Bearer <your-token>"}\ntokens.map(token => token.id)', filename: "a.js" },
      { text: 'HF_TOKEN = os.getenv("HF_TOKEN", "")', filename: "a.py" },
    ],
  },
};

export default rule;
