/** Repositories and files done, on one stderr line rewritten in place; nothing when disabled. */
export class HubProgress {
  private repositories = 0;
  private repositoryCount = 0;
  private files = 0;
  private shownAt = 0;
  private shown = false;

  constructor(private readonly enabled: boolean) {}

  total(repositories: number): void {
    this.repositoryCount = repositories;
    this.show(true);
  }

  repositoryDone(): void {
    this.repositories++;
    this.show(true);
  }

  fileDone(): void {
    this.files++;
    this.show(false);
  }

  /** Clears the line, so that what follows starts on a clean one. */
  end(): void {
    if (this.shown) process.stderr.write("\r\x1b[K");
  }

  private show(always: boolean): void {
    const now = Date.now();
    if (!this.enabled || (!always && now - this.shownAt < 100)) return;
    this.shownAt = now;
    this.shown = true;
    process.stderr.write(`\r\x1b[Khf-lint: ${this.repositories}/${this.repositoryCount} repositories, ${this.files} files`);
  }
}
