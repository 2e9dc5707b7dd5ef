import writeFileAtomic from 'write-file-atomic';

/**
 * A file the user named, written whole or not at all (beside its path, synced, renamed into place
 * with its mode): never a half-written file where an earlier one was. An error names the path the
 * user gave, not the temporary one beside it (found trying `--xlsx /no/such/dir/x.xlsx`: the
 * message named `x.xlsx.485811244`).
 */
export function writeFileWhole(file: string, data: string | Buffer, mode: number): void {
  try {
    writeFileAtomic.sync(file, data, { mode });
  } catch (error) {
    if (error instanceof Error && typeof (error as NodeJS.ErrnoException).path === 'string') Object.assign(error, { path: file });
    throw error;
  }
}
