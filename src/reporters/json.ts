import type { Reporter } from "./types.js";

/** The versioned JSON contract (see README, "JSON report"). */
const json: Reporter = (report) => `${JSON.stringify(report, null, 2)}\n`;

export default json;
