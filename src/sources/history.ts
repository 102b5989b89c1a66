import { UsageError } from "../errors.js";
import { isTooLarge, type Blob, type BlobReader } from "./blobs.js";
import type { Version } from "./history-log.js";
import type { AnalysedFile, FileItem, SourceItem } from "./types.js";

/**
 * Reads the file versions of a history (history-log.ts names them) through `git cat-file --batch`,
 * as items to analyse. Versions are asked for in batches of this many: enough to keep cat-file
 * busy, few enough to share out among threads.
 */
export const HISTORY_BATCH = 64;

/**
 * A batch of versions as items to analyse, each with its parents' versions when it has them.
 * The answers are read while the questions are still being written: cat-file stops reading
 * questions while its answers wait.
 */
async function* readVersions(blobs: BlobReader, batch: Version[]): AsyncGenerator<SourceItem> {
  const asking = blobs.ask(batch.flatMap((version) => [version.blob, ...version.parents]));
  asking.catch(() => {}); // awaited below; a failure here surfaces there
  for (const version of batch) {
    const blob = await nextBlob(blobs);
    const previous: Buffer[] = [];
    let uncompared = false;
    for (let i = 0; i < version.parents.length; i++) {
      const parent = await nextBlob(blobs);
      if (Buffer.isBuffer(parent)) previous.push(parent);
      else uncompared = true;
    }
    yield historyItem(version, blob, previous, uncompared);
  }
  await asking;
}

/** A batch's items with every file analysed (by `analyse`: this thread's or a worker's collector). */
export async function analysedBatch(blobs: BlobReader, batch: Version[], analyse: (item: FileItem) => AnalysedFile): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of readVersions(blobs, batch)) items.push("file" in item ? { analysed: analyse(item) } : item);
  return items;
}

/** No more questions; resolves once cat-file exited cleanly, or rejects with its message. */
export async function endBlobs(blobs: BlobReader): Promise<void> {
  blobs.end();
  if (!(await blobs.answers.next()).done) throw new Error("git cat-file answered more than it was asked");
  await blobs.succeeded();
}

async function nextBlob(blobs: BlobReader): Promise<Blob> {
  const answer = await blobs.answers.next();
  if (!answer.done) return answer.value;
  // cat-file's output ends after its input does, so only a failed cat-file leaves blobs unanswered.
  await blobs.succeeded();
  throw new UsageError("git cat-file stopped before answering for every blob");
}

function historyItem({ path, commit }: Version, blob: Blob, previous: Buffer[], uncompared: boolean): SourceItem {
  if (isTooLarge(blob)) return { skipped: "tooLarge", path };
  if (blob === "missing") return { skipped: "unreadable", path, error: `blob missing at ${commit.commit}` };
  return {
    file: { path, status: "committed", content: blob },
    commit,
    previous: previous.length > 0 ? previous : undefined,
    warning: uncompared
      ? `${path} at ${commit.commit} was not compared with its parent version (too large or missing): every secret it holds is reported with that commit`
      : undefined,
  };
}
