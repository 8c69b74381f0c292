import { DataFileError } from "../training/data-file-error.js";

/** Runs `read`; a DataFileError becomes its one line on stderr and exit code 2 (no stack trace). */
export function exitOnDataError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof DataFileError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}
