import { docsUrlFor, type ContentRule } from "./types.js";
import { tokenCheck } from "./shared/token-rule.js";

const rule: ContentRule = {
  kind: "content",
  id: "hf-token",
  severity: "error",
  description: "A Hugging Face user access token (`hf_` + 34 letters or digits), plain or base64-encoded.",
  docsUrl: docsUrlFor("hf-token"),
  ...tokenCheck("hf-token"),
  examples: {
    flagged: [
      { text: 'login(token="{{HF_TOKEN}}")', filename: "train.py" },
      { text: "HF_TOKEN={{HF_TOKEN}}\n", filename: "run.sh" },
      { text: '{"source": ["token = \\"{{HF_TOKEN}}\\"\\n"]}', filename: "demo.ipynb" },
      { text: '{"text": "line one\\n{{HF_TOKEN}}\\n"}', filename: "out.ipynb" },
      { text: "git clone https://user:{{HF_TOKEN}}@huggingface.co/meta-llama/Llama-3.1-8B", filename: "README.md" },
      { text: "data:\n  HF_TOKEN: {{HF_TOKEN_BASE64}}\n", filename: "secret.yaml" },
      { text: 'var a=1;'.repeat(600) + 'fetch(u,{headers:{Authorization:"Bearer {{HF_TOKEN}}"}});', filename: "bundle.min.js" },
    ],
    ignored: [
      { text: "token = hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", filename: "a.py" },
      { text: "HF_TOKEN=hf_AbCdEfGhIjKlMnOpQrStUvWxYz1234567890", filename: ".env.example" },
      { text: 'token="hf_YOUR_TOKEN_HERE"', filename: "a.py" },
      { text: "export HF_TOKEN=hf_...", filename: "README.md" },
      { text: "from huggingface_hub import hf_hub_download, hf_raise_for_status", filename: "a.py" },
      { text: "model.hf_device_map", filename: "a.py" },
      { text: "sha = 'hf_0123456789abcdef0123456789abcdef01'", filename: "a.py" },
    ],
  },
};

export default rule;
