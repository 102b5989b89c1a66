import * as v from "valibot";
import { rules } from "../../rules/index.js";

const ruleIds = rules.map((rule) => rule.id) as [string, ...string[]];
const RuleId = v.picklist(ruleIds, `must be one of the rule ids: ${ruleIds.join(", ")}`);
const Level = v.picklist(["off", "warn", "error"], 'must be "off", "warn" or "error"');
const Globs = v.array(v.string("must be a string (a gitignore-style pattern)"), "must be an array of patterns");
const RuleLevels = v.record(RuleId, Level, "must be an object mapping rule ids to levels");

function isRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/** `hf-lint.config.json`, or the `hf-lint` key of package.json. The JSON schema is generated from this. */
export const ConfigSchema = v.strictObject(
  {
    $schema: v.optional(v.string()),
    rules: v.optional(RuleLevels),
    ignores: v.optional(Globs),
    allow: v.optional(
      v.record(
        RuleId,
        v.array(v.pipe(v.string(), v.check(isRegex, "must be a valid regular expression"))),
        "must be an object mapping rule ids to arrays of regular expressions",
      ),
    ),
    overrides: v.optional(
      v.array(v.strictObject({ files: Globs, rules: RuleLevels }, "must be an object with only `files` and `rules`")),
    ),
    maxFileSize: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), undefined),
  },
  "must be an object with only the keys $schema, rules, ignores, allow, overrides, maxFileSize",
);

export type Config = v.InferOutput<typeof ConfigSchema>;
export type Level = v.InferOutput<typeof Level>;
