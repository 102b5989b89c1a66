import { docsUrlFor, type ContentRule } from "./types.js";
import { tokenCheck } from "./shared/token-rule.js";

const rule: ContentRule = {
  kind: "content",
  id: "hf-org-token",
  severity: "error",
  description: "A legacy Hugging Face organization API token (`api_org_` + 34 letters or digits).",
  docsUrl: docsUrlFor("hf-org-token"),
  ...tokenCheck("hf-org-token"),
  examples: {
    flagged: [
      { text: 'client = InferenceClient(token="{{ORG_TOKEN}}")', filename: "app.py" },
      { text: "HF_ORG_TOKEN: {{ORG_TOKEN}}\n", filename: "ci.yml" },
    ],
    ignored: [
      { text: "api_org_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", filename: "README.md" },
      { text: "def api_org_settings(): pass", filename: "a.py" },
    ],
  },
};

export default rule;
