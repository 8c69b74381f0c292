import type { CliOutput, Command } from "./command-context.js";
import { commands } from "./commands/command-list.js";
import type { CliEnvironment } from "./config.js";
import { reportError } from "./error-report.js";
import { exitCodes } from "./exit-codes.js";
import { createRouterClients } from "./router-clients.js";
import { UsageError } from "./usage-error.js";

const help = `usage: switchyard <command> [flags] [--url http://127.0.0.1:50051] [--json]

commands:
${commands.map((command) => `  ${command.name.padEnd(9)} ${command.summary}`).join("\n")}

  switchyard <command> --help shows a command's flags.

environment: SWITCHYARD_URL (the router, default http://127.0.0.1:50051), SWITCHYARD_API_KEY (sent as a Bearer key).
--json prints the API's JSON (proto3 JSON mapping: int64 money as strings of nano-USD) for scripts.

exit status: 0 ok · 1 other failure · 2 bad command line · 3 router unreachable, unavailable
  or a model busy (retry later) · 4 no valid API key · 5 not allowed for this key · 6 rejected by
  the server (invalid, not found) · 7 refused by a budget or the request's max cost
`;

/** Splits off the command word; --url's value is not one. */
function commandWord(argv: readonly string[]): { name: string | undefined; rest: string[] } {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === "--url") index += 1;
    else if (!arg.startsWith("-")) return { name: arg, rest: [...argv.slice(0, index), ...argv.slice(index + 1)] };
  }
  return { name: undefined, rest: [...argv] };
}

function flagValue(argv: readonly string[], flag: string): string | undefined {
  const at = argv.indexOf(flag);
  if (at >= 0) return argv[at + 1];
  return argv.find((arg) => arg.startsWith(`${flag}=`))?.slice(flag.length + 1);
}

function find(name: string | undefined): Command {
  const command = commands.find((each) => each.name === name);
  if (!command) throw new UsageError(name === undefined ? "no command given" : `unknown command "${name}"`);
  return command;
}

/** Runs one command line; resolves with the exit status (never throws). */
export async function runCli(argv: readonly string[], environment: CliEnvironment, output: CliOutput, signal: AbortSignal): Promise<number> {
  const url = flagValue(argv, "--url") ?? environment.url;
  try {
    const { name, rest } = commandWord(argv);
    const wantsHelp = rest.includes("--help") || rest.includes("-h");
    if (name === undefined && wantsHelp) return (output.out(help), exitCodes.ok);
    const command = find(name);
    if (wantsHelp) return (output.out(`${command.usage}\n`), exitCodes.ok);
    const clients = createRouterClients(url, environment.apiKey);
    await command.run(rest, { ...clients, output, json: rest.includes("--json"), signal });
    return exitCodes.ok;
  } catch (error) {
    const report = reportError(error, url);
    output.err(`${report.message}\n`);
    return report.exitCode;
  }
}
