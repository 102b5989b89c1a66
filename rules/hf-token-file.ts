import { docsUrlFor, type FileRule } from "./types.js";
import { tokenPattern } from "./shared/credentials.js";

/** What `hf auth login` writes under HF_HOME (default ~/.cache/huggingface). */
const CACHE_FILE = /(?:^|\/)(?:huggingface\/token|stored_tokens)$/;
const LONE_TOKEN = new RegExp(`^\\s*${tokenPattern("hf_").source}\\s*$`);

/** A file named `token` holding nothing but a token is a cache file whatever HF_HOME was. */
function isCacheFile(path: string, content: Buffer | undefined): boolean {
  if (CACHE_FILE.test(path)) return true;
  if (!/(?:^|\/)token$/.test(path) || !content || content.length > 200) return false;
  return LONE_TOKEN.test(content.toString("latin1"));
}

const rule: FileRule = {
  kind: "file",
  id: "hf-token-file",
  severity: "error",
  description: "A Hugging Face token cache file (`huggingface/token`, `stored_tokens`) inside the repository.",
  docsUrl: docsUrlFor("hf-token-file"),
  check({ path, status, content }) {
    if (status === "stdin" || !isCacheFile(path, content)) return null;
    return (
      `${path} is a Hugging Face token cache file (written by \`hf auth login\` with HF_HOME inside the project). ` +
      `Delete it or add it to .gitignore, keep HF_HOME outside the repository, and rotate the token if it was committed.`
    );
  },
  examples: {
    flagged: [
      { path: ".cache/huggingface/token", status: "untracked" },
      { path: "hf_home/stored_tokens", status: "tracked" },
      { path: "hf_home/token", status: "untracked", text: "{{HF_TOKEN}}\n" },
    ],
    ignored: [
      { path: "src/token", status: "untracked", text: "export const token = 1;\n" },
      { path: "src/tokenizer/token.py", status: "tracked" },
      { path: "huggingface/token.md", status: "tracked" },
    ],
  },
};

export default rule;
