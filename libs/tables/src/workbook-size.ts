/**
 * What a workbook unpacks to, read from its zip directory before anything is unpacked: a file of a
 * megabyte or two may unpack to gigabytes (a zip bomb), which the reader would hold whole (found by
 * a review: 1.5 MB → 1.5 GB, 1.7 GB resident in the CLI before it failed in V8's English). Pure; the CLI
 * and the 批量录入 page ask it before reading.
 */
import { unzipSync } from 'fflate';

/** More than any county's entries unpack to (10,000 rows ≈ 3 MB): a workbook beyond it is refused unread. */
export const MAX_WORKBOOK_UNPACKED_BYTES = 200 * 1024 * 1024;

/** The bytes a zip's entries unpack to, as its directory says; undefined for a file that is no zip (the reader says so). */
export function workbookUnpackedBytes(file: Uint8Array): number | undefined {
  let total = 0;
  try {
    // The filter sees each entry's declared size and unpacks none of them.
    unzipSync(file, {
      filter: (entry) => {
        total += entry.originalSize;
        return false;
      },
    });
  } catch {
    return undefined;
  }
  return total;
}

/** The refusal of a workbook that unpacks to more than MAX_WORKBOOK_UNPACKED_BYTES, in Chinese; undefined when it is within. */
export function workbookTooLargeZh(file: Uint8Array, name: string, limit = MAX_WORKBOOK_UNPACKED_BYTES): string | undefined {
  const unpacked = workbookUnpackedBytes(file);
  if (unpacked === undefined || unpacked <= limit) return undefined;
  return `“${name}”解压后有 ${(unpacked / 1024 / 1024).toFixed(1)} MB，超过 ${(limit / 1024 / 1024).toFixed(1)} MB 的上限，不是一份录入表（可能是损坏或恶意构造的文件），未读取。请分成几个工作簿导入。`;
}
