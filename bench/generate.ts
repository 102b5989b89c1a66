/**
 * Deterministic benchmark inputs: a large repository of mixed ML-project files with a few
 * planted tokens, and a long history. Same seed, same bytes, on every machine.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fakeHfToken, fakeOrgToken, seededRandom } from "../test/helpers/tokens.js";

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_AUTHOR_NAME: "Bench",
  GIT_AUTHOR_EMAIL: "bench@example.com",
  GIT_COMMITTER_NAME: "Bench",
  GIT_COMMITTER_EMAIL: "bench@example.com",
  GIT_AUTHOR_DATE: "2026-01-01T00:00:00Z",
  GIT_COMMITTER_DATE: "2026-01-01T00:00:00Z",
};
const GENERATOR_VERSION = "5";

export const SHARDS = 4;

function git(cwd: string, args: string[], input?: string): string {
  return execFileSync("git", args, { cwd, env: GIT_ENV, encoding: "utf8", input, maxBuffer: 1 << 30 });
}

/** Random text pieces are sliced out of one pool, so 300 MB generate in seconds. */
class Text {
  private readonly random: () => number;
  private readonly pool: string;
  constructor(seed: number) {
    this.random = seededRandom(seed);
    const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let pool = "";
    for (let i = 0; i < 1 << 20; i++) pool += chars[Math.floor(this.random() * 64)];
    this.pool = pool;
  }
  int(max: number): number {
    return Math.floor(this.random() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  base64(length: number): string {
    const start = this.int(this.pool.length - length);
    return this.pool.slice(start, start + length);
  }
  word(): string {
    return this.base64(3 + this.int(8)).replace(/[^A-Za-z]/g, "x").toLowerCase();
  }
}

const MODELS = ["meta-llama/Llama-3.1-8B", "mistralai/Mistral-7B-v0.3", "google/gemma-2-9b", "bert-base-uncased"];

function python(t: Text, bytes: number): string {
  const lines = ["import os", "from transformers import AutoModelForCausalLM, AutoTokenizer", ""];
  while (lines.join("\n").length < bytes) {
    const name = t.word();
    lines.push(
      t.pick([
        `tokenizer = AutoTokenizer.from_pretrained("${t.pick(MODELS)}", token=os.environ["HF_TOKEN"])`,
        `model = AutoModelForCausalLM.from_pretrained("${t.pick(MODELS)}", device_map="auto")`,
        `def ${name}(batch, max_length=${t.int(4096)}):\n    return tokenizer(batch["text"], truncation=True, max_length=max_length)`,
        `${name} = [tok for tok in tokenizer.convert_ids_to_tokens(ids) if tok != tokenizer.pad_token]`,
        `print(f"step {${name}}: loss={loss:.4f}")`,
        `${name}_path = hf_hub_download(repo_id="${t.pick(MODELS)}", filename="config.json")`,
        `# ${t.word()} ${t.word()} ${t.word()} ${t.word()} ${t.word()}`,
        `${name} = torch.randn(${t.int(512)}, ${t.int(512)}) @ weights_${t.word()}`,
      ]),
    );
  }
  return `${lines.join("\n")}\n`;
}

function notebook(t: Text, bytes: number): string {
  const image = t.base64(Math.max(0, bytes - 4000));
  const cells = [
    { cell_type: "code", source: ["from huggingface_hub import login\n", "login()  # reads HF_TOKEN\n"], outputs: [] },
    { cell_type: "code", source: python(t, 2500).split("\n").map((line) => `${line}\n`), outputs: [{ data: { "image/png": image } }] },
  ];
  return JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);
}

function yaml(t: Text, bytes: number): string {
  let text = "name: train\non: [push]\njobs:\n  train:\n    runs-on: ubuntu-latest\n    env:\n      HF_TOKEN: ${{ secrets.HF_TOKEN }}\n    steps:\n";
  while (text.length < bytes) text += `      - run: python ${t.word()}.py --epochs ${t.int(10)} --model ${t.pick(MODELS)}\n`;
  return text;
}

function markdown(t: Text, bytes: number): string {
  let text = "# Model card\n\nSet `HF_TOKEN` before running: `export HF_TOKEN=hf_...`\n\n";
  while (text.length < bytes) text += `${Array.from({ length: 12 }, () => t.word()).join(" ")}.\n\n`;
  return text;
}

function minified(t: Text, bytes: number): string {
  let text = "";
  while (text.length < bytes) text += `function ${t.word()}(e,t){return e.${t.word()}("${t.base64(40)}")+t}var ${t.word()}=${t.int(1e6)};`;
  return text;
}

function jsonConfig(t: Text): string {
  return JSON.stringify({ model_type: t.word(), pad_token: "<pad>", eos_token: "</s>", vocab_size: t.int(60000), hidden: t.base64(2400) }, null, 2);
}

/** One file of the large repository: its path and text, with a token planted in one file in 800. */
function largeFile(t: Text, index: number, files: number): [string, string] {
  // Consecutive indexes share a shard, so every shard holds the same mix of kinds.
  const dir = `s${Math.floor((index * SHARDS) / files)}/d${Math.floor(index / 100)}`;
  const kind = index % 20;
  let path: string;
  let text: string;
  if (kind < 10) [path, text] = [`${dir}/f${index}.py`, python(t, 8000)];
  else if (kind < 13) [path, text] = [`${dir}/n${index}.ipynb`, notebook(t, 25000)];
  else if (kind < 15) [path, text] = [`${dir}/c${index}.yml`, yaml(t, 3000)];
  else if (kind < 17) [path, text] = [`${dir}/r${index}.md`, markdown(t, 6000)];
  else if (kind < 18) [path, text] = [`${dir}/b${index}.min.js`, minified(t, 120000)];
  else [path, text] = [`${dir}/t${index}.json`, jsonConfig(t)];
  if (index % 800 === 7) text = `${text}\nHF_TOKEN = "${fakeHfToken(index)}"\n`;
  return [path, text];
}

export interface LargeRepository {
  dir: string;
  files: number;
  planted: number;
}

/** About 20,000 files and 300 MB in SHARDS top-level folders of equal size, committed. */
export function largeRepository(dir: string, files = 20000): LargeRepository {
  const planted = Array.from({ length: files }, (_, i) => i).filter((i) => i % 800 === 7).length;
  const marker = join(dir, ".git", `hf-lint-bench-${GENERATOR_VERSION}-${files}`);
  if (existsSync(marker)) return { dir, files, planted };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  git(dir, ["init", "-q", "-b", "main"]);
  const t = new Text(2026);
  for (let i = 0; i < files; i++) {
    const [path, text] = largeFile(t, i, files);
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  git(dir, ["add", "-A"]);
  git(dir, ["commit", "-q", "-m", "generated"]);
  writeFileSync(marker, "");
  return { dir, files, planted };
}

/**
 * A linear history of `commits` commits written with git fast-import, each rewriting two of
 * 300 Python files; tokens are added and later removed along the way.
 */
export function historyRepository(dir: string, commits = 3000): { dir: string; commits: number; planted: number } {
  const marker = join(dir, ".git", `hf-lint-bench-history-${GENERATOR_VERSION}-${commits}`);
  const plantEvery = 250;
  const planted = Math.floor(commits / plantEvery);
  if (existsSync(marker)) return { dir, commits, planted };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  git(dir, ["init", "-q", "-b", "main"]);
  const t = new Text(7);
  const stream: string[] = [];
  const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}`; // joined with "\n"
  for (let c = 1; c <= commits; c++) {
    stream.push("commit refs/heads/main", `committer Bench <bench@example.com> ${1767225600 + c * 60} +0000`, data(`change ${c}`));
    if (c === 1) stream.push("deleteall");
    const first = t.int(300);
    for (const file of [first, (first + 1 + t.int(299)) % 300]) {
      let text = python(t, 4000);
      if (c % plantEvery === 0 && file === first) text += `TOKEN = "${c % 500 === 0 ? fakeOrgToken(c) : fakeHfToken(c)}"\n`;
      stream.push(`M 100644 inline src/m${file}.py`, data(text));
    }
  }
  const result = spawnSync("git", ["fast-import", "--quiet"], { cwd: dir, env: GIT_ENV, input: stream.join("\n"), maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`git fast-import failed: ${result.stderr}`);
  git(dir, ["checkout", "-q", "-f", "main"]);
  writeFileSync(marker, "");
  return { dir, commits, planted };
}
