#!/usr/bin/env node
import { loadCliEnvironment } from "./config.js";
import { runCli } from "./run-cli.js";

const interrupted = new AbortController();
process.once("SIGINT", () => interrupted.abort());
const output = {
  out: (text: string) => void process.stdout.write(text),
  err: (text: string) => void process.stderr.write(text),
  interactive: process.stderr.isTTY === true,
};
process.exitCode = await runCli(process.argv.slice(2), loadCliEnvironment(), output, interrupted.signal);
