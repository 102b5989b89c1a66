/**
 * A labelled detection corpus: each case is one file holding exactly one real-format secret
 * (a positive) or only lookalikes (a decoy from the core issue's silence list).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fakeHfToken, fakeOrgToken } from "../test/helpers/tokens.js";

export interface Case {
  file: string;
  positive: boolean;
}

type Make = (secret: string) => string | Buffer;

const POSITIVES: [string, Make][] = [
  ["kwarg.py", (s) => `login(token="${s}")\n`],
  ["assign.py", (s) => `HF_TOKEN = '${s}'\n`],
  ["environ.py", (s) => `os.environ["HF_TOKEN"] = "${s}"\n`],
  ["pipeline.py", (s) => `pipe = pipeline("text-generation", model="m", token="${s}")\n`],
  ["dotenv.env.txt", (s) => `HF_TOKEN=${s}\n`],
  ["export.sh", (s) => `export HF_TOKEN=${s}\n`],
  ["cli-login.sh", (s) => `huggingface-cli login --token ${s}\n`],
  ["Dockerfile", (s) => `FROM python:3.12\nENV HF_TOKEN=${s}\n`],
  ["workflow.yml", (s) => `env:\n  HF_TOKEN: ${s}\n`],
  ["settings.json", (s) => JSON.stringify({ huggingface: { token: s } }, null, 2)],
  ["notebook-source.ipynb", (s) => JSON.stringify({ cells: [{ source: [`token = "${s}"\n`, "login(token)\n"] }] })],
  ["notebook-output.ipynb", (s) => JSON.stringify({ cells: [{ outputs: [{ text: [`Token is valid.\n${s}\n`] }] }] })],
  ["clone-url.md", (s) => `git clone https://user:${s}@huggingface.co/org/private-model\n`],
  ["readme-block.md", (s) => `\`\`\`python\nclient = InferenceClient(token="${s}")\n\`\`\`\n`],
  ["config.toml", (s) => `[hub]\ntoken = "${s}"\n`],
  ["config.ini", (s) => `[huggingface]\ntoken=${s}\n`],
  ["client.js", (s) => `const hf = new HfInference("${s}");\n`],
  ["client.ts", (s) => "const headers = { Authorization: `Bearer " + s + "` };\n"],
  ["main.go", (s) => `const hfToken = "${s}"\n`],
  ["main.rs", (s) => `let token = "${s}";\n`],
  ["secret.yaml", (s) => `apiVersion: v1\nkind: Secret\ndata:\n  HF_TOKEN: ${Buffer.from(s).toString("base64")}\n`],
  ["bundle.min.js", (s) => `${"var a=function(b){return b};".repeat(300)}fetch(u,{headers:{Authorization:"Bearer ${s}"}});`],
  ["crlf.py", (s) => `x = 1\r\ntoken = "${s}"\r\n`],
  ["bom.py", (s) => `\uFEFFtoken = "${s}"\n`],
  ["no-newline.txt", (s) => s],
  ["comment.py", (s) => `# my token: ${s}\n`],
  ["curl.sh", (s) => `curl -H "Authorization: Bearer ${s}" https://huggingface.co/api/whoami-v2\n`],
  ["terraform.tf", (s) => `variable "hf_token" {\n  default = "${s}"\n}\n`],
  ["app.properties", (s) => `huggingface.token=${s}\n`],
  ["invalid-utf8.txt", (s) => Buffer.concat([Buffer.from([0xc3, 0x28, 0x0a]), Buffer.from(`t=${s}\n`)])],
];

const DECOYS: [string, string][] = [
  ["placeholder-x.py", 'login(token="hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")\n'],
  ["guide-example.md", "export HF_TOKEN=hf_AbCdEfGhIjKlMnOpQrStUvWxYz1234567890\n"],
  ["your-token.py", 'token = "hf_YOUR_TOKEN_HERE"\n'],
  ["ellipsis.md", "HF_TOKEN=hf_...\n"],
  ["identifiers.py", "from huggingface_hub import hf_hub_download, hf_raise_for_status\nmodel.hf_device_map\n"],
  ["environ-lookup.py", 'login(token=os.environ["HF_TOKEN"])\nlogin(token=os.getenv("HF_TOKEN"))\n'],
  ["args.py", "login(token=args.token)\nlogin(token=True)\nlogin(token=None)\nlogin(token=hf_token)\n"],
  ["secrets.yml", "env:\n  HF_TOKEN: ${{ secrets.HF_TOKEN }}\n"],
  ["shell-var.sh", "huggingface-cli login --token $HF_TOKEN\n"],
  ["process-env.js", "const hf = new HfInference(process.env.HF_TOKEN);\n"],
  ["my-token.py", 'login(token="my_token")\n'],
  ["together.py", 'client = OpenAI(api_key="<together_api_key>")\nclient = OpenAI(api_key="your-together-api-key")\n'],
  ["special-tokens.py", 'tok = AutoTokenizer.from_pretrained(m, pad_token="<pad>", eos_token="</s>")\n'],
  ["sha.txt", "hf_0123456789abcdef0123456789abcdef01 sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n"],
  ["git-sha.txt", "commit 3f2c1b0a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b\n"],
  ["longer-word.txt", `prefix_hf_${"Ab3".repeat(14)}\n`],
  ["too-long.txt", `hf_${"Zq9".repeat(14)}\n`],
  ["uuid.txt", "request-id: 123e4567-e89b-12d3-a456-426614174000\n"],
  ["org-placeholder.md", "api_org_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"],
  ["image.ipynb", JSON.stringify({ cells: [{ outputs: [{ data: { "image/png": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==" } }] }] })],
];

/** Writes the corpus into `dir` and returns its labels. */
export function writeCorpus(dir: string): Case[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const cases: Case[] = [];
  POSITIVES.forEach(([name, make], index) => {
    const file = `pos-${name}`;
    writeFileSync(join(dir, file), make(fakeHfToken(500 + index)));
    cases.push({ file, positive: true });
  });
  for (const [index, name] of ["org.py", "org.yml", "org.sh"].entries()) {
    const file = `pos-${name}`;
    writeFileSync(join(dir, file), `ORG = "${fakeOrgToken(600 + index)}"\n`);
    cases.push({ file, positive: true });
  }
  for (const [name, text] of DECOYS) {
    const file = `neg-${name}`;
    writeFileSync(join(dir, file), text);
    cases.push({ file, positive: false });
  }
  return cases;
}
